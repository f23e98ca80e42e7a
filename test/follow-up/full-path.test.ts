import { describe, expect, it } from "vitest";
import { gatherSummary } from "../../src/summary/gather.js";
import { periodFromKey } from "../../src/summary/periods.js";
import { renderSummary } from "../../src/summary/render.js";
import { mockToken, reaction, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { createConfiguredApp, mockConfigFile, REPO } from "../config/support.js";
import { commentWithBody } from "../privacy/support.js";
import { log, sweep } from "../survey/harness.js";
import { mockReactionsRead, mockSurveyPost, rowsOf } from "../webhooks/support.js";
import { repositorySubject } from "../summary/support.js";
import { mockAnswerReread, mockLabel, mockReply } from "./support.js";

const CONFIG = "follow_up:\n  label: unhappy\n  mention: '@acme/support'\n";
const REASON = "The workaround broke my **build** again; ping @someone <b>please</b>";

describe.each(backends)("a negative answer, from the close to the summary, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("labels the issue and replies once, stores the reporter's next comment as the reason, and shows it in the summary", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, CONFIG);
    mockSurveyPost({ commentId: 900, createdAt: "2026-11-03T10:00:06Z" });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", issuesPayload("opened"));
    await receive(probot, "issues", closed);

    // The first read, 10 minutes after asking, finds the reporter's 👎 of 10:08: the follow-up is due at 10:23.
    const octokit = await probot.auth(INSTALLATION_ID);
    const sweeper = { db: db(), log, octokitFor: async () => octokit };
    const thumbsDown = [reaction("-1", REPORTER, "2026-11-03T10:08:00Z")];
    mockReactionsRead(900, thumbsDown);
    expect(await sweep(sweeper, new Date("2026-11-03T10:10:06Z"))).toEqual({ worked: 1, installationsFailed: 0 });
    expect(await rowsOf(db(), "SELECT kind, run_at FROM work")).toEqual([
      { kind: "follow_up.reply", run_at: new Date("2026-11-03T10:23:00Z") },
    ]);

    // At 10:23 the answer is still 👎: the label, then one reply (the configuration stored at the close is used).
    mockAnswerReread(thumbsDown);
    const label = mockLabel("unhappy");
    const bodies: string[] = [];
    mockReply(bodies, { id: 950, createdAt: "2026-11-03T10:23:01Z" });
    expect(await sweep(sweeper, new Date("2026-11-03T10:23:00Z"))).toEqual({ worked: 1, installationsFailed: 0 });
    expect(label.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(new RegExp(`^@${REPORTER.login} thank you .*What went wrong\\?.*\\n\\ncc @acme/support\\n\\n<!-- `));
    expect(await sweep(sweeper, new Date("2026-11-04T10:00:00Z"))).toEqual({ worked: 0, installationsFailed: 0 });

    // A maintainer's comment is no reason; the reporter's next comment is; their one after it is not.
    await receive(probot, "issue_comment", commentWithBody(closed, MAINTAINER, "Sorry!", { association: "OWNER", commentId: 1 }));
    await receive(
      probot,
      "issue_comment",
      commentWithBody(closed, REPORTER, REASON, { commentedAt: "2026-11-04T09:00:00Z", commentId: 2 }),
    );
    await receive(
      probot,
      "issue_comment",
      commentWithBody(closed, REPORTER, "Also...", { commentedAt: "2026-11-04T09:05:00Z", commentId: 3 }),
    );
    expect(await rowsOf(db(), "SELECT outcome, followed_up_at, follow_up_comment_id, reason, reason_comment_id FROM experiences")).toEqual([
      {
        outcome: "negative",
        followed_up_at: new Date("2026-11-03T10:23:01Z"),
        follow_up_comment_id: 950,
        reason: REASON,
        reason_comment_id: 2,
      },
    ]);

    // The week's summary lists the pain point with its reason, inert, and how many were followed up.
    const period = periodFromKey("2026-W45", "UTC");
    const data = await gatherSummary(db(), repositorySubject(REPO), period, "UTC");
    expect(data.painPoints).toEqual([
      { reference: "#1", title: expect.any(String), closedAt: new Date("2026-11-03T10:00:00Z"), reason: REASON },
    ]);
    expect(data.followUps).toEqual({ negative: 1, followedUp: 1, reasons: 1 });
    const body = renderSummary(data, { marker: "<!-- m -->", periodNoun: "week" });
    expect(body).toContain("## Pain points\n\n1 of 1 followed up · 1 gave a reason\n\n- #1 ");
    expect(body).toContain("\n  Reason: The workaround broke my \\*\\*build\\*\\* again; ping @&#8203;someone &lt;b&gt;please&lt;/b&gt;\n");
  });
});

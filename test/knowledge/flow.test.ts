import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mockToken, reaction, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { APP_BOT, INSTALLATION_ID, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { createConfiguredApp } from "../config/support.js";
import { commentWithBody } from "../privacy/support.js";
import { log, sweep } from "../survey/harness.js";
import { mockReactionsRead, rowsOf } from "../webhooks/support.js";
import {
  ANSWER_COMMENT,
  ANSWER_NODE,
  mockAnswerPost,
  mockFaqFile,
  mockMinimize,
  seedEarlierIssue,
  seedKnowledgeRepository,
} from "./support.js";

const TITLE = "Requests time out behind our corporate proxy";
const BODY = "The CLI ignores HTTPS_PROXY at work, so every request times out behind the corporate proxy.";

/** A new issue (number 20) by someone outside the team, asking what issue 7 and the FAQ already answer. */
function newIssue(options: { number?: number; association?: string; reporter?: typeof REPORTER } = {}) {
  const payload = issuesPayload("opened", {
    number: options.number ?? 20,
    association: options.association ?? "NONE",
    reporter: options.reporter ?? REPORTER,
  });
  Object.assign(payload.issue as object, { title: TITLE, body: BODY });
  return payload;
}

const answers = (db: () => import("../../src/db/types.js").Db) =>
  rowsOf(db(), "SELECT issue_number, status, rating, comment_id, comment_node_id, links FROM knowledge_answers ORDER BY id");

describe.each(backends)("knowledge-base answers through the webhooks, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function setUp() {
    await seedKnowledgeRepository(db());
    await seedEarlierIssue(db(), {
      number: 7,
      title: "Proxy settings ignored behind corporate firewall",
      body: "The CLI does not use HTTPS_PROXY; requests time out. Setting proxy in the config file worked.",
    });
    const { probot } = createConfiguredApp(db());
    mockToken();
    const octokit = await probot.auth(INSTALLATION_ID);
    return { probot, sweeper: { db: db(), log, octokitFor: async () => octokit } };
  }

  it("answers once with the earlier issue and the FAQ section; a redelivery, a second opened or an edit post nothing; 👍 reads back helpful", async () => {
    const { probot, sweeper } = await setUp();
    mockFaqFile();
    const bodies: string[] = [];
    mockAnswerPost(bodies);
    const id = randomUUID();
    await receive(probot, "issues", newIssue(), id);
    expect(bodies).toHaveLength(1);
    const body = bodies[0]!;
    expect(body).toMatch(new RegExp(`^@${REPORTER.login} while you wait for a maintainer`));
    expect(body).toContain("- [#7 Proxy settings ignored behind corporate firewall](https://github.com/Codertocat/Hello-World/issues/7): ");
    expect(body).toContain("(https://github.com/Codertocat/Hello-World/blob/master/docs/FAQ.md#installing-behind-a-corporate-proxy)");
    expect(body).toContain("react 👍 to this comment; if not, react 👎");
    expect(body).toMatch(/<!-- satisfaction-bot:answer:\d+ -->$/);
    expect(body.match(/^- \[/gm)).toHaveLength(2);

    // The same delivery again, another opened of the same issue, an edit: nothing more (no mock left).
    await receive(probot, "issues", newIssue(), id);
    await receive(probot, "issues", newIssue());
    await receive(probot, "issues", { ...newIssue(), action: "edited", changes: { body: { from: "before" } } });
    expect(await answers(db)).toEqual([
      {
        issue_number: 20,
        status: "posted",
        rating: null,
        comment_id: ANSWER_COMMENT,
        comment_node_id: ANSWER_NODE,
        links: [{ key: "issue:7" }, { key: "faq:docs/FAQ.md#installing-behind-a-corporate-proxy" }],
      },
    ]);

    // The answer comment is the app's: no first response.
    await receive(
      probot,
      "issue_comment",
      commentWithBody(newIssue(), APP_BOT, body, { commentId: ANSWER_COMMENT, commentedAt: "2026-11-03T10:00:06Z" }),
    );
    expect(await rowsOf(db(), "SELECT first_response_at, first_any_response_at FROM issues WHERE number = 20")).toEqual([
      { first_response_at: null, first_any_response_at: null },
    ]);

    // Read 10 minutes after posting: the reporter's 👍 (a maintainer's 👎 does not count).
    mockReactionsRead(ANSWER_COMMENT, [reaction("-1", MAINTAINER), reaction("+1", REPORTER, "2026-11-03T10:05:00Z")]);
    expect(await sweep(sweeper, new Date("2026-11-03T10:10:06Z"))).toEqual({ worked: 1, installationsFailed: 0 });
    expect(await rowsOf(db(), "SELECT status, rating, rated_at, minimized_at FROM knowledge_answers")).toEqual([
      { status: "ended", rating: "helpful", rated_at: new Date("2026-11-03T10:05:00Z"), minimized_at: null },
    ]);
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM work")).toEqual([{ n: 0 }]);
  });

  it("hides a 👎 answer, remembers its links for that query, and offers them no more for it", async () => {
    const { probot, sweeper } = await setUp();
    mockFaqFile();
    mockAnswerPost([]);
    await receive(probot, "issues", newIssue());

    mockReactionsRead(ANSWER_COMMENT, [reaction("-1", REPORTER, "2026-11-03T10:07:00Z")]);
    const calls: unknown[] = [];
    mockMinimize(calls);
    expect(await sweep(sweeper, new Date("2026-11-03T10:10:06Z"))).toEqual({ worked: 1, installationsFailed: 0 });
    expect(calls).toEqual([{ query: expect.stringContaining("classifier: OFF_TOPIC"), variables: { subjectId: ANSWER_NODE } }]);
    expect(await rowsOf(db(), "SELECT rating, rated_at, minimized_at FROM knowledge_answers")).toEqual([
      { rating: "not_helpful", rated_at: new Date("2026-11-03T10:07:00Z"), minimized_at: new Date("2026-11-03T10:10:06Z") },
    ]);
    expect(await rowsOf(db(), "SELECT link_key FROM knowledge_rejections ORDER BY link_key")).toEqual([
      { link_key: "faq:docs/FAQ.md#installing-behind-a-corporate-proxy" },
      { link_key: "issue:7" },
    ]);

    // The same question asked again in a new issue: both links were rejected for it, nothing is posted.
    await receive(probot, "issues", newIssue({ number: 21 }));
    expect(await rowsOf(db(), "SELECT issue_number, status FROM knowledge_answers ORDER BY issue_number")).toEqual([
      { issue_number: 20, status: "ended" },
      { issue_number: 21, status: "no_match" },
    ]);
  });

  it("never answers the team's issues or a bot's; a deleted answer comment ends it unrated", async () => {
    const { probot } = await setUp();
    await receive(probot, "issues", newIssue({ number: 30, association: "MEMBER" }));
    await receive(probot, "issues", newIssue({ number: 31, association: "OWNER" }));
    await receive(probot, "issues", newIssue({ number: 32, association: "COLLABORATOR" }));
    await receive(probot, "issues", newIssue({ number: 33, reporter: { login: "renovate[bot]", id: 29_139_614, type: "Bot" } }));
    expect(await answers(db)).toEqual([]);

    mockFaqFile();
    mockAnswerPost([]);
    const opened = newIssue();
    await receive(probot, "issues", opened);
    const deleted = commentWithBody(opened, APP_BOT, "answer", { commentId: ANSWER_COMMENT });
    await receive(probot, "issue_comment", { ...deleted, action: "deleted" });
    expect(await rowsOf(db(), "SELECT status, rating FROM knowledge_answers")).toEqual([{ status: "ended", rating: "comment_deleted" }]);
    expect(await rowsOf(db(), "SELECT kind FROM work")).toEqual([]);
  });
});

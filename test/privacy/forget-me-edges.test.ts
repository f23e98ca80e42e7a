import nock from "nock";
import { describe, expect, it } from "vitest";
import { CONFIRM_FORGET_ME } from "../../src/privacy/confirm.js";
import { createTestApp, API, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { mockReactionsRead, REPO_PATH, rowsOf } from "../webhooks/support.js";
import { commentWithBody, installationRowsText, mockConfirmation, OTHER_REPORTER, seed, snapshot } from "./support.js";

describe("/satisfaction forget-me: maintainers, failures, bots and pull requests", () => {
  const { db } = useDatabase(createTestDatabase);

  it("takes a maintainer who leaves off the first responses, and keeps them off", async () => {
    const { probot } = createTestApp(db());
    await seed(probot);
    const maintainer = { login: "helpful-maintainer", id: 31_000_001, type: "User" };
    const issue2 = issuesPayload("closed", { number: 2, reporter: OTHER_REPORTER });
    const answer = commentWithBody(issue2, maintainer, "Fixed, thanks!", { association: "OWNER", commentedAt: "2026-11-02T12:00:00Z" });
    mockReactionsRead(901, []);
    await receive(probot, "issue_comment", answer);
    expect(await rowsOf(db(), "SELECT first_responder_login, first_responder_id FROM issues WHERE number = 2")).toEqual([
      { first_responder_login: maintainer.login, first_responder_id: maintainer.id },
    ]);
    mockConfirmation(maintainer.login, { issueNumber: 2, check: (body) => body.includes("from 1 issue you first answered") });
    mockReactionsRead(901, []);
    await receive(
      probot,
      "issue_comment",
      commentWithBody(issue2, maintainer, "/satisfaction forget-me", { association: "OWNER", commentId: 88_002 }),
    );

    const issue6 = issuesPayload("opened", { number: 6, reporter: OTHER_REPORTER, createdAt: "2026-11-05T09:00:00Z" });
    await receive(
      probot,
      "issue_comment",
      commentWithBody(issue6, maintainer, "Looking", { association: "OWNER", commentedAt: "2026-11-05T10:00:00Z", commentId: 88_003 }),
    );

    expect(
      await rowsOf(
        db(),
        "SELECT number, first_responder_login, first_responder_id FROM issues WHERE first_response_at IS NOT NULL ORDER BY number",
      ),
    ).toEqual([
      { number: 2, first_responder_login: "ghost", first_responder_id: null },
      { number: 6, first_responder_login: "ghost", first_responder_id: null },
    ]);
    expect(await installationRowsText(db(), INSTALLATION_ID)).not.toContain(maintainer.login);
  });

  it("does nothing for a bot's command or a command on a pull request", async () => {
    const { probot } = createTestApp(db());
    const closed = await seed(probot);
    const before = await snapshot(db(), INSTALLATION_ID);
    const bot = { login: "helper[bot]", id: 7_000_001, type: "Bot" };
    await receive(probot, "issue_comment", commentWithBody(closed, bot, "/satisfaction forget-me"));
    const viaApp = commentWithBody(closed, REPORTER, "/satisfaction forget-me", { commentId: 88_002 });
    (viaApp.comment as Record<string, unknown>).performed_via_github_app = { id: 77 };
    await receive(probot, "issue_comment", viaApp);
    await receive(
      probot,
      "issue_comment",
      commentWithBody(closed, REPORTER, "/satisfaction forget-me", { commentId: 88_003, pullRequest: true }),
    );

    expect(await snapshot(db(), INSTALLATION_ID)).toEqual(before);
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM opt_outs")).toEqual([{ n: 0 }]);
  });

  it("keeps the opt-out when the confirmation cannot be posted: a repeated command posts nothing, the reply waits for its retry", async () => {
    const { probot } = createTestApp(db());
    const closed = await seed(probot);
    nock(API).post(`${REPO_PATH}/issues/1/comments`).reply(502, { message: "Bad Gateway" });

    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, "/satisfaction forget-me"));
    await receive(probot, "issue_comment", commentWithBody(closed, REPORTER, "/satisfaction forget-me", { commentId: 88_002 }));

    expect(await rowsOf(db(), "SELECT user_id, confirmation_comment_id, confirmed_at FROM opt_outs")).toEqual([
      { user_id: REPORTER.id, confirmation_comment_id: null, confirmed_at: null },
    ]);
    expect(
      await rowsOf(db(), "SELECT count(*)::int AS n FROM surveys WHERE installation_id = $1 AND reporter_id = $2", [
        INSTALLATION_ID,
        REPORTER.id,
      ]),
    ).toEqual([{ n: 0 }]);
    // The reply is queued work like the rest: one attempt made, retried by the sweep after its backoff.
    expect(
      await rowsOf(db(), "SELECT key, state, attempts, last_error FROM work WHERE installation_id = $1 AND kind = $2", [
        INSTALLATION_ID,
        CONFIRM_FORGET_ME,
      ]),
    ).toEqual([{ key: String(REPORTER.id), state: "pending", attempts: 1, last_error: expect.stringContaining("Bad Gateway") }]);
  });
});

import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, createTestApp, mockToken, reaction, receive, surveyCommentReply } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { log, sweep } from "../survey/harness.js";
const repoPath = "/repos/Codertocat/Hello-World";

describe.each(backends)("the survey path on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("asks the reporter on close, reads the reaction back, and stores a positive experience", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = nock(API)
      .post(`${repoPath}/issues/1/comments`, (body: { body: string }) => body.body.includes(`@${REPORTER.login}`))
      .reply(201, surveyCommentReply(900, "2026-11-03T10:00:06Z"));

    await receive(probot, "issues", issuesPayload("opened"));
    await receive(probot, "issues", issuesPayload("closed"));
    expect(posted.isDone()).toBe(true);

    const octokit = await probot.auth(INSTALLATION_ID);
    nock(API)
      .get(`${repoPath}/issues/comments/900/reactions`)
      .query({ per_page: 100 })
      .reply(200, [reaction("heart", { id: 999, login: "someone-else" }), reaction("+1", REPORTER)], { etag: '"v1"' });
    const deps = { db: db(), log, octokitFor: async () => octokit };
    await sweep(deps, new Date("2026-11-03T10:20:00Z"));

    const { rows } = await db().query("SELECT outcome, answered_at FROM experiences");
    expect(rows).toEqual([{ outcome: "positive", answered_at: new Date("2026-11-03T12:00:00Z") }]);
    const survey = await db().query("SELECT status, comment_id, asked_at FROM surveys");
    expect(survey.rows).toEqual([{ status: "answered", comment_id: 900, asked_at: new Date("2026-11-03T10:00:06Z") }]);
  });
});

import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, reaction, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { APP_BOT, commentOnIssuePayload, commentPayload, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { countRows, mockReactionsRead, mockSurveyPost, NO_ROWS, rowsOf, SURVEYS_WITH_WORK } from "./support.js";

const MEMBER = { login: "octo-member", id: 5_550_002, type: "User" };
const HELPER = { login: "octo-collaborator", id: 5_550_003, type: "User" };
const RENOVATE = { login: "renovate[bot]", id: 29_139_614, type: "Bot" };

const firstResponse = "SELECT first_response_at, first_responder_login FROM issues";

describe("issue comments", () => {
  const { db } = useDatabase(createTestDatabase);

  it("reads the survey's reactions at once when a person comments on its issue", async () => {
    const { probot } = createTestApp(db(), () => new Date("2026-11-03T11:00:05Z"));
    mockToken();
    mockSurveyPost({ commentId: 900, createdAt: "2026-11-03T10:00:06Z" });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    const read = mockReactionsRead(900, [reaction("heart", { id: 31_337, login: "a-bystander" })]);

    await receive(probot, "issue_comment", commentOnIssuePayload("created", closed, { commentedAt: "2026-11-03T11:00:00Z" }));

    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), `SELECT s.status, s.poll_count, s.reactions_etag, w.kind, w.run_at FROM ${SURVEYS_WITH_WORK}`)).toEqual([
      // only the reporter's reaction counts: still waiting, next read one hour after asking
      { status: "asked", poll_count: 1, reactions_etag: '"r900"', kind: "survey.read", run_at: new Date("2026-11-03T11:00:06Z") },
    ]);
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "pending" }]);
  });

  it("settles the survey from that read when the reporter has reacted", async () => {
    const { probot } = createTestApp(db(), () => new Date("2026-11-03T11:00:05Z"));
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    mockReactionsRead(900, [reaction("confused", REPORTER, "2026-11-03T10:30:00Z")]);

    const comment = commentOnIssuePayload("created", closed, { commenter: REPORTER, commenterAssociation: "NONE" });
    await receive(probot, "issue_comment", comment);

    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "answered" }]);
    expect(await rowsOf(db(), "SELECT outcome, answered_at FROM experiences")).toEqual([
      { outcome: "negative", answered_at: new Date("2026-11-03T10:30:00Z") },
    ]);
  });

  it("does not read the reactions for a bot's comment, such as the survey comment itself", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);

    const own = commentOnIssuePayload("created", closed, { commentId: 900, commenter: APP_BOT, commenterAssociation: "NONE" });
    (own.comment as { performed_via_github_app: unknown }).performed_via_github_app = { id: 1 };
    await receive(probot, "issue_comment", own);
    await receive(probot, "issue_comment", commentOnIssuePayload("created", closed, { commentId: 901, commenter: RENOVATE }));

    expect(await rowsOf(db(), "SELECT status, poll_count FROM surveys")).toEqual([{ status: "asked", poll_count: 0 }]);
    expect((await countRows(db())).deliveries).toBe(3);
  });

  it("ignores comments on pull requests entirely: nothing stored, no GitHub call", async () => {
    const { probot } = createTestApp(db());

    await receive(probot, "issue_comment", commentPayload("created", { pullRequest: true }));
    await receive(probot, "issue_comment", commentPayload("created", { pullRequest: true, commenter: REPORTER }));
    await receive(probot, "issue_comment", commentPayload("deleted", { pullRequest: true }));

    expect(await countRows(db())).toEqual(NO_ROWS);
  });

  it("ignores a pull request comment in a repository with an asked survey: no read, no row, no response time", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    await receive(probot, "issues", issuesPayload("closed"));

    await receive(probot, "issue_comment", commentPayload("created", { pullRequest: true, number: 2, commentId: 902 }));

    expect(await rowsOf(db(), "SELECT number, first_response_at FROM issues")).toEqual([{ number: 1, first_response_at: null }]);
    expect(await rowsOf(db(), "SELECT status, poll_count FROM surveys")).toEqual([{ status: "asked", poll_count: 0 }]);
    expect(await rowsOf(db(), "SELECT event FROM deliveries")).toEqual([{ event: "issues.closed" }]);
  });

  it("keeps the earliest maintainer comment as the first response, whatever order comments arrive in", async () => {
    const { probot } = createTestApp(db());
    const comment = (commenter: typeof MAINTAINER, association: string, commentedAt: string) =>
      commentPayload("created", { commenter, commenterAssociation: association, commentedAt });

    await receive(probot, "issue_comment", comment(HELPER, "COLLABORATOR", "2026-11-02T15:00:00Z"));
    expect(await rowsOf(db(), firstResponse)).toEqual([
      { first_response_at: new Date("2026-11-02T15:00:00Z"), first_responder_login: HELPER.login },
    ]);
    await receive(probot, "issue_comment", comment(MEMBER, "MEMBER", "2026-11-02T12:00:00Z"));
    await receive(probot, "issue_comment", comment(MAINTAINER, "OWNER", "2026-11-02T13:00:00Z"));

    expect(await rowsOf(db(), firstResponse)).toEqual([
      { first_response_at: new Date("2026-11-02T12:00:00Z"), first_responder_login: MEMBER.login },
    ]);
  });

  it("does not count the reporter's own comments, bots' or people without a maintainer role as a response", async () => {
    const { probot } = createTestApp(db());
    const byReporter = issuesPayload("opened", { association: "COLLABORATOR" });
    const comment = (commenter: typeof MAINTAINER, association: string, commentedAt: string) =>
      commentOnIssuePayload("created", byReporter, { commenter, commenterAssociation: association, commentedAt });
    const viaApp = comment(MAINTAINER, "OWNER", "2026-11-02T10:40:00Z");
    (viaApp.comment as { performed_via_github_app: unknown }).performed_via_github_app = { id: 99 };

    await receive(probot, "issue_comment", comment(REPORTER, "COLLABORATOR", "2026-11-02T10:10:00Z"));
    await receive(probot, "issue_comment", comment(RENOVATE, "MEMBER", "2026-11-02T10:20:00Z"));
    await receive(probot, "issue_comment", comment(MEMBER, "CONTRIBUTOR", "2026-11-02T10:30:00Z"));
    await receive(probot, "issue_comment", viaApp);
    expect(await rowsOf(db(), firstResponse)).toEqual([{ first_response_at: null, first_responder_login: null }]);

    await receive(probot, "issue_comment", comment(MAINTAINER, "OWNER", "2026-11-02T11:00:00Z"));
    expect(await rowsOf(db(), firstResponse)).toEqual([
      { first_response_at: new Date("2026-11-02T11:00:00Z"), first_responder_login: MAINTAINER.login },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, reaction, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { APP_BOT, commentOnIssuePayload, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { countRows, mockReactionsRead, mockSurveyPost, rowsOf, SURVEYS_WITH_WORK } from "./support.js";

const FIRST_CLOSE = "2026-11-03T10:00:00Z";
const REOPENED = "2026-11-04T09:00:00Z";
const SECOND_CLOSE = "2026-11-05T10:00:00Z";

const surveys = "SELECT status, closed_at, comment_id, ended_at FROM surveys ORDER BY id";
const experiences = "SELECT outcome, closed_at, answered_at FROM experiences ORDER BY id";

describe("a survey through reopen, close again, answer and deleted comment", () => {
  const { db } = useDatabase(createTestDatabase);

  it("cancels the unanswered survey on reopen and asks again, in a second comment, on the next close", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const firstAsk = mockSurveyPost({ commentId: 900, createdAt: "2026-11-03T10:00:06Z" });
    await receive(probot, "issues", issuesPayload("opened"));
    await receive(probot, "issues", issuesPayload("closed"));
    expect(firstAsk.isDone()).toBe(true);

    await receive(probot, "issues", issuesPayload("reopened", { updatedAt: REOPENED }));

    expect(await rowsOf(db(), surveys)).toEqual([
      { status: "cancelled", closed_at: new Date(FIRST_CLOSE), comment_id: 900, ended_at: new Date(REOPENED) },
    ]);
    expect(await rowsOf(db(), experiences)).toEqual([]);

    const secondAsk = mockSurveyPost({ commentId: 901, createdAt: "2026-11-05T10:00:04Z" });
    await receive(probot, "issues", issuesPayload("closed", { closedAt: SECOND_CLOSE }));

    expect(secondAsk.isDone()).toBe(true);
    expect(await rowsOf(db(), surveys)).toEqual([
      { status: "cancelled", closed_at: new Date(FIRST_CLOSE), comment_id: 900, ended_at: new Date(REOPENED) },
      { status: "asked", closed_at: new Date(SECOND_CLOSE), comment_id: 901, ended_at: null },
    ]);
    expect(await rowsOf(db(), experiences)).toEqual([{ outcome: "pending", closed_at: new Date(SECOND_CLOSE), answered_at: null }]);
    expect(await rowsOf(db(), "SELECT state, closed_at, reopen_count FROM issues")).toEqual([
      { state: "closed", closed_at: new Date(SECOND_CLOSE), reopen_count: 1 },
    ]);
  });

  it("does not ask again on a later close once the reporter has answered", async () => {
    const { probot } = createTestApp(db(), () => new Date("2026-11-03T12:00:05Z"));
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    mockReactionsRead(900, [reaction("+1", REPORTER, "2026-11-03T11:59:00Z")]);
    const thanks = commentOnIssuePayload("created", closed, {
      commenter: REPORTER,
      commenterAssociation: "NONE",
      commentedAt: "2026-11-03T12:00:00Z",
    });
    await receive(probot, "issue_comment", thanks);

    await receive(probot, "issues", issuesPayload("reopened", { updatedAt: REOPENED }));
    await receive(probot, "issues", issuesPayload("closed", { closedAt: SECOND_CLOSE }));

    expect(await rowsOf(db(), "SELECT status, closed_at, comment_id FROM surveys")).toEqual([
      { status: "answered", closed_at: new Date(FIRST_CLOSE), comment_id: 900 },
    ]);
    expect(await rowsOf(db(), experiences)).toEqual([
      { outcome: "positive", closed_at: new Date(FIRST_CLOSE), answered_at: new Date("2026-11-03T11:59:00Z") },
    ]);
    expect(await rowsOf(db(), "SELECT state, closed_at FROM issues")).toEqual([{ state: "closed", closed_at: new Date(SECOND_CLOSE) }]);
  });

  it("ends the survey as comment_deleted, with a neutral experience, when its comment is deleted", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    const deletedAt = "2026-11-03T15:00:00Z";
    const onIssue = issuesPayload("closed", { updatedAt: deletedAt });

    await receive(probot, "issue_comment", commentOnIssuePayload("deleted", onIssue, { commentId: 900, commenter: APP_BOT }));

    // Ended: nothing of it is left queued.
    expect(await rowsOf(db(), `SELECT s.status, s.ended_at, w.kind FROM ${SURVEYS_WITH_WORK}`)).toEqual([
      { status: "comment_deleted", ended_at: new Date(deletedAt), kind: null },
    ]);
    expect(await rowsOf(db(), experiences)).toEqual([{ outcome: "neutral", closed_at: new Date(FIRST_CLOSE), answered_at: null }]);
  });

  it("keeps the survey asked when another comment on its issue is deleted", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);

    await receive(probot, "issue_comment", commentOnIssuePayload("deleted", closed, { commentId: 12_345 }));

    expect(await rowsOf(db(), "SELECT status, comment_id FROM surveys")).toEqual([{ status: "asked", comment_id: 900 }]);
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "pending" }]);
    expect(await countRows(db())).toMatchObject({ surveys: 1, deliveries: 2 });
  });

  it("leaves an answered survey answered when its comment is deleted afterwards", async () => {
    const { probot } = createTestApp(db(), () => new Date("2026-11-03T12:00:05Z"));
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    mockReactionsRead(900, [reaction("-1", REPORTER, "2026-11-03T11:00:00Z")]);
    await receive(probot, "issue_comment", commentOnIssuePayload("created", closed, { commentedAt: "2026-11-03T12:00:00Z" }));

    await receive(probot, "issue_comment", commentOnIssuePayload("deleted", closed, { commentId: 900, commenter: APP_BOT }));

    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "answered" }]);
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "negative" }]);
  });
});

import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { commentOnIssuePayload, commentPayload, issuesPayload, MAINTAINER } from "../helpers/fixtures.js";
import { countRows, mockReactionsRead, mockSurveyPost, rowsOf } from "./support.js";

// The app's clock is years after the events: every time stored must come from the payloads.
const LATE_CLOCK = () => new Date("2031-06-01T00:00:00Z");
const OPENED = "2026-11-02T10:00:00Z";
const CLOSED = "2026-11-03T10:00:00Z";
const REOPENED = "2026-11-04T09:00:00Z";

const issueState = "SELECT state, state_reason, opened_at, closed_at, reopen_count FROM issues";

describe.each(backends)("events arriving out of order on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("builds the issue from an issues.closed that comes before issues.opened, and asks", async () => {
    const { probot } = createTestApp(db(), LATE_CLOCK);
    mockToken();
    const posted = mockSurveyPost({ createdAt: "2026-11-03T10:00:09Z" });

    await receive(probot, "issues", issuesPayload("closed"));
    expect(posted.isDone()).toBe(true);
    await receive(probot, "issues", issuesPayload("opened"));

    expect(await rowsOf(db(), issueState)).toEqual([
      { state: "closed", state_reason: "completed", opened_at: new Date(OPENED), closed_at: new Date(CLOSED), reopen_count: 0 },
    ]);
    expect(await rowsOf(db(), "SELECT status, closed_at, asked_at FROM surveys")).toEqual([
      { status: "asked", closed_at: new Date(CLOSED), asked_at: new Date("2026-11-03T10:00:09Z") },
    ]);
    expect(await rowsOf(db(), "SELECT outcome, closed_at FROM experiences")).toEqual([{ outcome: "pending", closed_at: new Date(CLOSED) }]);
  });

  it("stores opened_at, closed_at and first_response_at from the payloads, whatever order they come in", async () => {
    const { probot } = createTestApp(db(), LATE_CLOCK);
    mockToken();
    mockSurveyPost();

    await receive(probot, "issue_comment", commentPayload("created", { commenter: MAINTAINER, commentedAt: "2026-11-02T12:00:00Z" }));
    await receive(probot, "issues", issuesPayload("closed"));
    await receive(probot, "issues", issuesPayload("opened"));

    const [issue] = await rowsOf(db(), "SELECT opened_at, closed_at, first_response_at, first_responder_login FROM issues");
    expect(issue).toEqual({
      opened_at: new Date(OPENED),
      closed_at: new Date(CLOSED),
      first_response_at: new Date("2026-11-02T12:00:00Z"),
      first_responder_login: MAINTAINER.login,
    });
  });

  it("asks nothing when a newer issues.reopened arrived before the older issues.closed", async () => {
    const { probot } = createTestApp(db(), LATE_CLOCK);

    await receive(probot, "issues", issuesPayload("reopened", { updatedAt: REOPENED }));
    await receive(probot, "issues", issuesPayload("closed"));

    expect(await rowsOf(db(), issueState)).toEqual([
      { state: "open", state_reason: "reopened", opened_at: new Date(OPENED), closed_at: null, reopen_count: 1 },
    ]);
    expect(await countRows(db())).toMatchObject({ issues: 1, surveys: 0, experiences: 0, deliveries: 2 });
  });

  it("leaves the issue open and its survey cancelled when an old close comes after a newer reopen", async () => {
    const { probot } = createTestApp(db(), LATE_CLOCK);
    mockToken();
    const posted = mockSurveyPost();
    await receive(probot, "issues", issuesPayload("opened"));
    await receive(probot, "issues", issuesPayload("closed"));
    await receive(probot, "issues", issuesPayload("reopened", { updatedAt: REOPENED }));

    await receive(probot, "issues", issuesPayload("closed")); // a late copy, under another delivery id

    expect(posted.isDone()).toBe(true);
    expect(await rowsOf(db(), issueState)).toEqual([
      { state: "open", state_reason: "reopened", opened_at: new Date(OPENED), closed_at: null, reopen_count: 1 },
    ]);
    expect(await rowsOf(db(), "SELECT status, ended_at FROM surveys")).toEqual([{ status: "cancelled", ended_at: new Date(REOPENED) }]);
    expect((await countRows(db())).experiences).toBe(0);
  });

  // A comment made after the close carries a newer issue.updated_at: the close is still surveyed.
  it("still asks when a comment made after the close is handled before the issues.closed", async () => {
    const { probot } = createTestApp(db(), LATE_CLOCK);
    mockToken();
    const posted = mockSurveyPost();
    const closedThenCommented = issuesPayload("closed", { updatedAt: "2026-11-03T10:30:00Z" });
    const comment = commentOnIssuePayload("created", closedThenCommented, { commentedAt: "2026-11-03T10:30:00Z" });

    await receive(probot, "issue_comment", comment);
    await receive(probot, "issues", issuesPayload("closed"));

    expect(await rowsOf(db(), "SELECT state, closed_at FROM issues")).toEqual([{ state: "closed", closed_at: new Date(CLOSED) }]);
    expect(posted.isDone(), "survey comment posted").toBe(true);
    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "asked" }]);
  });

  // Likewise a reopen still cancels the earlier close's survey after a later comment was handled.
  it("still cancels the survey when a comment made after the reopen is handled before the issues.reopened", async () => {
    const { probot } = createTestApp(db(), () => new Date("2026-11-04T09:30:05Z"));
    mockToken();
    mockSurveyPost({ commentId: 900 });
    await receive(probot, "issues", issuesPayload("closed"));
    mockReactionsRead(900, []); // the comment makes the open survey read at once
    const reopenedThenCommented = issuesPayload("reopened", { updatedAt: "2026-11-04T09:30:00Z" });
    const comment = commentOnIssuePayload("created", reopenedThenCommented, { commentedAt: "2026-11-04T09:30:00Z" });

    await receive(probot, "issue_comment", comment);
    await receive(probot, "issues", issuesPayload("reopened", { updatedAt: REOPENED }));

    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "cancelled" }]);
    expect((await countRows(db())).experiences).toBe(0);
    expect(await rowsOf(db(), "SELECT state, reopen_count FROM issues")).toEqual([{ state: "open", reopen_count: 1 }]);
  });
});

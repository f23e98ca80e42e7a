import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, reaction, receive } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { APP_BOT, commentOnIssuePayload, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { countRows, mockReactionsRead, mockSurveyPost, rowsOf, SURVEYS_WITH_WORK } from "./support.js";

// Each mock answers once: a second survey comment POST or a second reactions read would be a
// request without a mock, which test/helpers/setup.ts turns into a failure.

describe.each(backends)("redelivered webhooks on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("applies one issues.closed delivery received three times at once exactly once", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockSurveyPost();
    const id = randomUUID();

    await Promise.all([1, 2, 3].map(() => receive(probot, "issues", issuesPayload("closed"), id)));

    expect(posted.isDone()).toBe(true);
    expect(await countRows(db())).toMatchObject({ issues: 1, surveys: 1, experiences: 1, deliveries: 1 });
    expect(await rowsOf(db(), "SELECT id, installation_id, event FROM deliveries")).toEqual([
      { id, installation_id: 4242, event: "issues.closed" },
    ]);
    // Asked once (the one POST mock), and only the reading of its reactions is left queued, once.
    expect(await rowsOf(db(), `SELECT s.status, s.comment_id, w.kind, w.attempts FROM ${SURVEYS_WITH_WORK}`)).toEqual([
      { status: "asked", comment_id: 900, kind: "survey.read", attempts: 0 },
    ]);
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "pending" }]);
  });

  it("asks once when the same close comes under two delivery ids, one after the other", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockSurveyPost();

    await receive(probot, "issues", issuesPayload("closed"));
    await receive(probot, "issues", issuesPayload("closed"));

    expect(posted.isDone()).toBe(true);
    expect(await countRows(db())).toMatchObject({ surveys: 1, experiences: 1, deliveries: 2 });
    expect(await rowsOf(db(), "SELECT status, closed_at FROM surveys")).toEqual([
      { status: "asked", closed_at: new Date("2026-11-03T10:00:00Z") },
    ]);
  });

  it("asks once when the same close comes under two delivery ids at the same time", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const posted = mockSurveyPost();

    await Promise.all([receive(probot, "issues", issuesPayload("closed")), receive(probot, "issues", issuesPayload("closed"))]);

    expect(posted.isDone()).toBe(true);
    expect(await countRows(db())).toMatchObject({ issues: 1, surveys: 1, experiences: 1, deliveries: 2 });
  });

  it("reads the reactions once for an issue_comment.created delivered twice", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    const read = mockReactionsRead(900, [reaction("hooray", REPORTER)]);
    const id = randomUUID();
    const comment = () => commentOnIssuePayload("created", closed, { commenter: MAINTAINER, commentedAt: "2026-11-03T11:00:00Z" });

    await receive(probot, "issue_comment", comment(), id);
    await receive(probot, "issue_comment", comment(), id);

    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT status, poll_count FROM surveys")).toEqual([{ status: "answered", poll_count: 1 }]);
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "positive" }]);
    expect((await countRows(db())).deliveries).toBe(2);
  });

  it("ends a survey once when the deletion of its comment is delivered twice", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    const closed = issuesPayload("closed");
    await receive(probot, "issues", closed);
    const id = randomUUID();
    const deleted = () => commentOnIssuePayload("deleted", closed, { commentId: 900, commenter: APP_BOT, commenterAssociation: "NONE" });

    await receive(probot, "issue_comment", deleted(), id);
    await receive(probot, "issue_comment", deleted(), id);

    expect(await rowsOf(db(), "SELECT status FROM surveys")).toEqual([{ status: "comment_deleted" }]);
    expect(await rowsOf(db(), "SELECT outcome FROM experiences")).toEqual([{ outcome: "neutral" }]);
    expect(await rowsOf(db(), "SELECT event FROM deliveries ORDER BY event")).toEqual([
      { event: "issue_comment.deleted" },
      { event: "issues.closed" },
    ]);
  });

  // One reopen delivered under two ids is one reopen time: it counts once.
  it("counts one reopen when the same reopen comes under two delivery ids", async () => {
    const { probot } = createTestApp(db());
    const reopened = () => issuesPayload("reopened", { updatedAt: "2026-11-04T09:00:00Z" });

    await receive(probot, "issues", reopened());
    await receive(probot, "issues", reopened());

    expect(await rowsOf(db(), "SELECT state, reopen_count FROM issues")).toEqual([{ state: "open", reopen_count: 1 }]);
    expect((await countRows(db())).deliveries).toBe(2);
  });
});

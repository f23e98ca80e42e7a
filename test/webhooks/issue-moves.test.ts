import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, reaction, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { commentOnIssuePayload, issuesPayload, issueTransferredPayload, REPORTER } from "../helpers/fixtures.js";
import { countRows, mockReactionsRead, mockSurveyPost, REPO_PATH, rowsOf } from "./support.js";

// GitHub's issues.transferred example moves octo-org/octo-repo#1 to Codertocat/Hello-World.
const OLD_REPO = { id: 17_273_051, full_name: "octo-org/octo-repo", private: true };
const NEW_REPO_ID = 186_853_002;
const NEW_NUMBER = 7;

const issueKeys = "SELECT repository_id, number FROM issues ORDER BY repository_id, number";
const surveyKeys = "SELECT repository_id, issue_number, status, comment_id FROM surveys";
const experienceKeys = "SELECT repository_id, issue_number, outcome FROM experiences";

describe("deleted and transferred issues", () => {
  const { db } = useDatabase(createTestDatabase);

  it("deletes an issue with its surveys and experiences, and only that issue", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ commentId: 900 });
    await receive(probot, "issues", issuesPayload("closed"));
    await receive(probot, "issues", issuesPayload("opened", { number: 2 }));

    await receive(probot, "issues", issuesPayload("deleted"));

    expect(await rowsOf(db(), issueKeys)).toEqual([{ repository_id: NEW_REPO_ID, number: 2 }]);
    expect(await countRows(db())).toMatchObject({ repositories: 1, issues: 1, surveys: 0, experiences: 0, deliveries: 3 });
  });

  it("moves a transferred issue, its survey and its experience to the new repository and number", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    const asked = mockSurveyPost({ repoPath: "/repos/octo-org/octo-repo", commentId: 900 });
    const closed = issuesPayload("closed", { repository: OLD_REPO });
    await receive(probot, "issues", closed);
    expect(asked.isDone()).toBe(true);

    await receive(probot, "issues", issueTransferredPayload({ issuesEvent: closed, newNumber: NEW_NUMBER }));

    expect(await rowsOf(db(), issueKeys)).toEqual([{ repository_id: NEW_REPO_ID, number: NEW_NUMBER }]);
    expect(await rowsOf(db(), surveyKeys)).toEqual([
      { repository_id: NEW_REPO_ID, issue_number: NEW_NUMBER, status: "asked", comment_id: 900 },
    ]);
    expect(await rowsOf(db(), experienceKeys)).toEqual([{ repository_id: NEW_REPO_ID, issue_number: NEW_NUMBER, outcome: "pending" }]);
    expect(await rowsOf(db(), "SELECT id, full_name FROM repositories ORDER BY id")).toEqual([
      { id: OLD_REPO.id, full_name: OLD_REPO.full_name },
      { id: NEW_REPO_ID, full_name: "Codertocat/Hello-World" },
    ]);
    const [issue] = await rowsOf(db(), "SELECT reporter_id, state, closed_at FROM issues");
    expect(issue).toEqual({ reporter_id: REPORTER.id, state: "closed", closed_at: new Date("2026-11-03T10:00:00Z") });
  });

  it("reads a transferred survey's reactions in the new repository", async () => {
    const { probot } = createTestApp(db(), () => new Date("2026-11-03T12:00:05Z"));
    mockToken();
    mockSurveyPost({ repoPath: "/repos/octo-org/octo-repo", commentId: 900 });
    const closed = issuesPayload("closed", { repository: OLD_REPO });
    await receive(probot, "issues", closed);
    await receive(probot, "issues", issueTransferredPayload({ issuesEvent: closed, newNumber: NEW_NUMBER }));
    const read = mockReactionsRead(900, [reaction("rocket", REPORTER, "2026-11-03T11:00:00Z")], REPO_PATH);

    const atNewPlace = issuesPayload("closed", { number: NEW_NUMBER, updatedAt: "2026-11-03T12:00:00Z" });
    await receive(probot, "issue_comment", commentOnIssuePayload("created", atNewPlace, { commentedAt: "2026-11-03T12:00:00Z" }));

    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), experienceKeys)).toEqual([{ repository_id: NEW_REPO_ID, issue_number: NEW_NUMBER, outcome: "positive" }]);
  });

  it("replaces a row already built for the destination from an event that came before the transfer", async () => {
    const { probot } = createTestApp(db());
    mockToken();
    mockSurveyPost({ repoPath: "/repos/octo-org/octo-repo", commentId: 900 });
    const closed = issuesPayload("closed", { repository: OLD_REPO });
    await receive(probot, "issues", closed);
    await receive(probot, "issues", issuesPayload("opened", { number: NEW_NUMBER, createdAt: "2026-11-05T08:00:00Z" }));

    await receive(probot, "issues", issueTransferredPayload({ issuesEvent: closed, newNumber: NEW_NUMBER }));

    expect(await rowsOf(db(), "SELECT repository_id, number, opened_at, state FROM issues")).toEqual([
      { repository_id: NEW_REPO_ID, number: NEW_NUMBER, opened_at: new Date("2026-11-02T10:00:00Z"), state: "closed" },
    ]);
    expect(await rowsOf(db(), surveyKeys)).toEqual([
      { repository_id: NEW_REPO_ID, issue_number: NEW_NUMBER, status: "asked", comment_id: 900 },
    ]);
  });

  it("stores only the destination repository for a transfer of an issue it never saw (GitHub's example as is)", async () => {
    const { probot } = createTestApp(db());

    await receive(probot, "issues", issueTransferredPayload());

    expect(await rowsOf(db(), "SELECT id FROM repositories")).toEqual([{ id: NEW_REPO_ID }]);
    expect(await countRows(db())).toMatchObject({ issues: 0, surveys: 0, experiences: 0, deliveries: 1 });
  });
});

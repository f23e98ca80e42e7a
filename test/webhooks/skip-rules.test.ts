import { describe, expect, it } from "vitest";
import { createTestApp, mockToken, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { countRows, mockSurveyPost, rowsOf } from "./support.js";

// No GitHub call is mocked in the "asks nothing" cases: test/helpers/setup.ts fails a test on any
// request without a mock, so these tests also prove that no installation token is fetched and no
// comment is posted.

const DEPENDABOT = { login: "dependabot[bot]", id: 49_699_333, type: "Bot" };

describe("which closed issues get a survey", () => {
  const { db } = useDatabase(createTestDatabase);

  it.each([
    ["the reporter is a Bot", { reporter: DEPENDABOT }],
    ["the reporter is the repository OWNER", { association: "OWNER" }],
    ["the reporter is an organization MEMBER", { association: "MEMBER" }],
    ["the reporter is a COLLABORATOR", { association: "COLLABORATOR" }],
    ["the issue was closed as not_planned", { stateReason: "not_planned" }],
    ["the issue was closed as a duplicate", { stateReason: "duplicate" }],
    ["the issue is locked", { locked: true }],
  ])("asks nothing and calls no GitHub API when %s", async (_case, options) => {
    const { probot } = createTestApp(db());

    await receive(probot, "issues", issuesPayload("closed", options));

    expect(await countRows(db())).toEqual({
      installations: 1,
      repositories: 1,
      issues: 1,
      surveys: 0,
      experiences: 0,
      deliveries: 1,
    });
    const issues = await rowsOf(db(), "SELECT state, closed_at FROM issues");
    expect(issues).toEqual([{ state: "closed", closed_at: new Date("2026-11-03T10:00:00Z") }]);
  });

  it("skips a bot reporter even when GitHub gives it no maintainer association", async () => {
    const { probot } = createTestApp(db());

    await receive(probot, "issues", issuesPayload("closed", { reporter: DEPENDABOT, association: "NONE" }));

    expect(await rowsOf(db(), "SELECT reporter_type, author_association FROM issues")).toEqual([
      { reporter_type: "Bot", author_association: "NONE" },
    ]);
    expect((await countRows(db())).surveys).toBe(0);
  });

  it.each([
    ["completed", "NONE"],
    ["completed", "CONTRIBUTOR"],
    ["completed", "FIRST_TIME_CONTRIBUTOR"],
    [null, "NONE"],
    [null, "CONTRIBUTOR"],
    [null, "FIRST_TIME_CONTRIBUTOR"],
  ])("asks the reporter once when state_reason is %s and author_association is %s", async (stateReason, association) => {
    const { probot } = createTestApp(db());
    const token = mockToken();
    const posted = mockSurveyPost({ commentId: 901, createdAt: "2026-11-03T10:00:07Z" });

    await receive(probot, "issues", issuesPayload("closed", { stateReason, association }));

    expect(token.isDone()).toBe(true);
    expect(posted.isDone()).toBe(true);
    const surveys = await rowsOf(db(), "SELECT status, comment_id, asked_at, closed_at, reporter_id, reporter_login FROM surveys");
    expect(surveys).toEqual([
      {
        status: "asked",
        comment_id: 901,
        asked_at: new Date("2026-11-03T10:00:07Z"),
        closed_at: new Date("2026-11-03T10:00:00Z"),
        reporter_id: REPORTER.id,
        reporter_login: REPORTER.login,
      },
    ]);
    const experiences = await rowsOf(db(), "SELECT outcome, reporter_id, closed_at, issue_number FROM experiences");
    expect(experiences).toEqual([
      { outcome: "pending", reporter_id: REPORTER.id, closed_at: new Date("2026-11-03T10:00:00Z"), issue_number: 1 },
    ]);
  });
});

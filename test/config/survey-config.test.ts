import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, mockToken, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { countRows, mockSurveyPost, REPO_PATH, rowsOf } from "../webhooks/support.js";
import { createConfiguredApp, mockConfigFile, REPO } from "./support.js";

// Each close reads .github/satisfaction.yml through the real configuration source; the first read is
// stored, so a second close within the hour asks GitHub for nothing but the comment.

const surveys = "SELECT issue_number, status FROM surveys ORDER BY id";

describe("surveys under the repository's configuration", () => {
  const { db } = useDatabase(createTestDatabase);

  it("asks nothing when the repository switches the app off", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "enabled: false\n");

    await receive(probot, "issues", issuesPayload("closed"));

    expect(await countRows(db())).toMatchObject({ issues: 1, surveys: 0, experiences: 0, deliveries: 1 });
    expect(await rowsOf(db(), "SELECT config->'enabled' AS enabled FROM repository_configs")).toEqual([{ enabled: false }]);
  });

  it("skips an issue with a skip label and asks one without", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  skip_labels: [question]\n");
    const ask = mockSurveyPost({ issueNumber: 2 });

    await receive(probot, "issues", issuesPayload("closed", { number: 1, labels: ["bug", "question"] }));
    await receive(probot, "issues", issuesPayload("closed", { number: 2, labels: ["bug"] }));

    expect(ask.isDone()).toBe(true);
    expect(await rowsOf(db(), surveys)).toEqual([{ issue_number: 2, status: "asked" }]);
  });

  it("asks only the issues with one of the only labels", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  only_labels: [support]\n");
    const ask = mockSurveyPost({ issueNumber: 1 });

    await receive(probot, "issues", issuesPayload("closed", { number: 1, labels: ["support"] }));
    await receive(probot, "issues", issuesPayload("closed", { number: 2, labels: ["bug"] }));
    await receive(probot, "issues", issuesPayload("closed", { number: 3 }));

    expect(ask.isDone()).toBe(true);
    expect(await rowsOf(db(), surveys)).toEqual([{ issue_number: 1, status: "asked" }]);
    expect((await countRows(db())).issues).toBe(3);
  });

  it("asks an OWNER or MEMBER reporter when ask_members is on", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  ask_members: true\n");
    const askOwner = mockSurveyPost({ issueNumber: 1, commentId: 901 });
    const askMember = mockSurveyPost({ issueNumber: 2, commentId: 902 });

    await receive(probot, "issues", issuesPayload("closed", { number: 1, association: "OWNER" }));
    await receive(probot, "issues", issuesPayload("closed", { number: 2, association: "MEMBER" }));

    expect(askOwner.isDone() && askMember.isDone()).toBe(true);
    expect(await rowsOf(db(), "SELECT issue_number, status, comment_id FROM surveys ORDER BY id")).toEqual([
      { issue_number: 1, status: "asked", comment_id: 901 },
      { issue_number: 2, status: "asked", comment_id: 902 },
    ]);
  });

  it("posts the repository's own message, with the reaction instructions and the hidden marker below it", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, 'survey:\n  message: "Hi {reporter}, did this help?"\n');
    const bodies: string[] = [];
    nock(API)
      .post(`${REPO_PATH}/issues/1/comments`, (body: { body: string }) => bodies.push(body.body) > 0)
      .reply(201, {
        id: 900,
        body: "survey",
        created_at: "2026-11-03T10:00:06Z",
        user: { login: "satisfaction-bot[bot]", id: 1, type: "Bot" },
      });

    await receive(probot, "issues", issuesPayload("closed"));

    const [survey] = await rowsOf<{ id: number; message: string }>(db(), "SELECT id::int, message FROM surveys");
    expect(survey?.message).toBe("Hi {reporter}, did this help?");
    expect(bodies).toEqual([
      [
        "Hi @octo-user, did this help?",
        "React to this comment with 👍 ❤️ 🎉 🚀 😄 if the help was good, or 👎 😕 if it was not. Only your reaction counts, and we will not ask again.",
        `<!-- satisfaction-bot:survey:${survey?.id} -->`,
      ].join("\n\n"),
    ]);
  });

  it("gives the reporter window_days to answer from the moment the comment is posted", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n");
    mockSurveyPost({ createdAt: "2026-11-03T10:00:06Z" });

    await receive(probot, "issues", issuesPayload("closed"));

    expect(await rowsOf(db(), "SELECT status, window_days, asked_at, window_ends_at FROM surveys")).toEqual([
      { status: "asked", window_days: 3, asked_at: new Date("2026-11-03T10:00:06Z"), window_ends_at: new Date("2026-11-06T10:00:06Z") },
    ]);
  });

  it("posts nothing and stores no survey in a dry run", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "dry_run: true\n");

    await receive(probot, "issues", issuesPayload("closed"));

    expect(await countRows(db())).toMatchObject({ issues: 1, surveys: 0, experiences: 0, deliveries: 1 });
    expect(await rowsOf(db(), "SELECT state FROM issues")).toEqual([{ state: "closed" }]);
  });
});

import { describe, expect, it } from "vitest";
import { mockToken, receive } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { countRows, mockSurveyPost, rowsOf } from "../webhooks/support.js";
import { createConfiguredApp, expireConfigs, mockConfigFile, mockConfigStatus, REPO, REPO_FILE } from "./support.js";

// A broken .github/satisfaction.yml must never fail a webhook: the close is handled with the last
// good configuration, or the defaults, and the error is kept for the maintainer.

const surveys = "SELECT issue_number, status, window_days FROM surveys ORDER BY id";

describe("a close under a broken configuration file", () => {
  const { db } = useDatabase(createTestDatabase);

  it("asks with the defaults when no good configuration was ever stored, and keeps the error", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  window_days: often\n");
    const ask = mockSurveyPost();

    await expect(receive(probot, "issues", issuesPayload("closed"))).resolves.toEqual(expect.any(String));

    expect(ask.isDone()).toBe(true);
    expect(await rowsOf(db(), surveys)).toEqual([{ issue_number: 1, status: "asked", window_days: 14 }]);
    expect(await rowsOf(db(), "SELECT config, error FROM repository_configs")).toEqual([
      { config: null, error: { file: REPO_FILE, line: 2, message: expect.stringMatching(/^survey\.window_days: /) } },
    ]);
  });

  it("handles the close with the defaults when the YAML does not even parse", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n window_days: 4\n");
    mockSurveyPost();

    await receive(probot, "issues", issuesPayload("closed"));

    expect(await rowsOf(db(), surveys)).toEqual([{ issue_number: 1, status: "asked", window_days: 14 }]);
    const [stored] = await rowsOf<{ error: { line: number } }>(db(), "SELECT error FROM repository_configs");
    expect(stored?.error.line).toBe(3);
  });

  it("keeps the last good configuration in force when the file breaks later", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  skip_labels: [question]\n");
    await receive(probot, "issues", issuesPayload("closed", { number: 1, labels: ["question"] }));
    await expireConfigs(db());
    mockConfigFile(REPO.full_name, "survey:\n  skip_labels: [question]\n  ask_memberz: true\n");

    await receive(probot, "issues", issuesPayload("closed", { number: 2, labels: ["question"] }));

    expect(await countRows(db())).toMatchObject({ issues: 2, surveys: 0, deliveries: 2 });
    expect(await rowsOf(db(), "SELECT config->'survey'->'skip_labels' AS skip, error->>'line' AS line FROM repository_configs")).toEqual([
      { skip: ["question"], line: "3" },
    ]);
  });

  it("handles the close with the stored configuration when GitHub cannot serve the file", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 5\n");
    mockSurveyPost({ issueNumber: 1, commentId: 901 });
    await receive(probot, "issues", issuesPayload("closed", { number: 1 }));
    await expireConfigs(db());
    mockConfigStatus(REPO.full_name, 503);
    mockSurveyPost({ issueNumber: 2, commentId: 902 });

    await receive(probot, "issues", issuesPayload("closed", { number: 2 }));

    expect(await rowsOf(db(), surveys)).toEqual([
      { issue_number: 1, status: "asked", window_days: 5 },
      { issue_number: 2, status: "asked", window_days: 5 },
    ]);
  });
});

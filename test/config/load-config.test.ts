import { describe, expect, it } from "vitest";
import { loadRepositoryConfig } from "../../src/config/load-config.js";
import { defaultConfig } from "../../src/config/schema.js";
import { mockConfigFile, mockConfigStatus, mockNoConfig, REPO_FILE, testOctokit } from "./support.js";

const load = () => loadRepositoryConfig(testOctokit(), "Codertocat", "Hello-World");
const REPO = "Codertocat/Hello-World";
const ORG = "Codertocat/.github";

describe("loadRepositoryConfig", () => {
  it("gives every default, and present false, when no file exists in the repository nor the organisation", async () => {
    mockNoConfig();

    expect(await load()).toEqual({ ok: true, present: false, config: defaultConfig });
    expect(defaultConfig.survey).toEqual({ message: null, window_days: 14, skip_labels: [], only_labels: [], ask_members: false });
    expect(defaultConfig.summary.timezone).toBe("UTC");
  });

  it("overrides only the keys the repository's file sets, nested objects merged with their defaults", async () => {
    mockConfigFile(REPO, "survey:\n  window_days: 3\n  skip_labels: [question]\nsummary:\n  schedule: daily\ndry_run: true\n");

    const result = await load();

    expect(result).toEqual({
      ok: true,
      present: true,
      config: {
        ...defaultConfig,
        dry_run: true,
        survey: { ...defaultConfig.survey, window_days: 3, skip_labels: ["question"] },
        summary: { ...defaultConfig.summary, schedule: "daily" },
      },
    });
  });

  it("falls back to the organisation's .github repository when the repository has no file", async () => {
    mockConfigStatus(REPO, 404);
    mockConfigFile(ORG, "survey:\n  ask_members: true\nmarket_demand: stars\n");

    expect(await load()).toEqual({
      ok: true,
      present: true,
      config: { ...defaultConfig, market_demand: "stars", survey: { ...defaultConfig.survey, ask_members: true } },
    });
  });

  it("layers _extends under the repository's file: the repository wins, the rest of the extended file applies", async () => {
    mockConfigFile(REPO, "_extends: support-policy\nsurvey:\n  window_days: 5\n");
    mockConfigFile(
      "Codertocat/support-policy",
      "_extends: acme/policies:satisfaction/base.yml\nsurvey:\n  window_days: 30\n  skip_labels: [wontfix]\n",
    );
    mockConfigFile("acme/policies", "survey:\n  ask_members: true\n  window_days: 60\nsummary:\n  output: both\n", {
      path: "satisfaction/base.yml",
    });

    const result = await load();

    expect(result).toEqual({
      ok: true,
      present: true,
      config: {
        ...defaultConfig,
        survey: { ...defaultConfig.survey, window_days: 5, skip_labels: ["wontfix"], ask_members: true },
        summary: { ...defaultConfig.summary, output: "both" },
      },
    });
  });

  it("reports YAML that does not parse with the file and the line, without throwing", async () => {
    mockConfigFile(REPO, "enabled: true\nsurvey:\n  window_days: 3\n window_days: 4\n");

    const result = await load();

    expect(result).toEqual({ ok: false, error: { file: expect.any(String), line: 4, message: expect.any(String) } });
    if (result.ok) return;
    expect(result.error.file).toMatch(/Codertocat\/Hello-World.*satisfaction\.yml/);
    expect(result.error.message).toMatch(/same column/);
  });

  it("reports an unknown key with its dotted path and its line", async () => {
    mockConfigFile(REPO, "# satisfaction-bot\nsurvey:\n  windwo_days: 3\n", { times: 2 });

    const result = await load();

    expect(result).toEqual({ ok: false, error: { file: REPO_FILE, line: 3, message: expect.stringContaining("survey.windwo_days") } });
  });

  it("reports a value of the wrong type with its path and line", async () => {
    mockConfigFile(REPO, 'enabled: true\nsummary:\n  schedule: weekly\n  threshold: "high"\n', { times: 2 });

    const result = await load();

    expect(result).toEqual({
      ok: false,
      error: { file: REPO_FILE, line: 4, message: expect.stringMatching(/^summary\.threshold: .*number/) },
    });
  });

  it("reports a time zone that does not exist", async () => {
    mockConfigFile(REPO, "summary:\n  timezone: Mars/Olympus_Mons\n", { times: 2 });

    expect(await load()).toEqual({
      ok: false,
      error: { file: REPO_FILE, line: 2, message: "summary.timezone: must be an IANA time zone like Europe/Paris" },
    });
  });

  it("names the extended file, and its line, when the mistake is there", async () => {
    mockConfigFile(REPO, "_extends: support-policy\nenabled: true\n");
    mockConfigFile("Codertocat/support-policy", "survey:\n  window_days: 3\n  ask_members: sometimes\n", { times: 2 });

    expect(await load()).toEqual({
      ok: false,
      error: {
        file: "Codertocat/support-policy:.github/satisfaction.yml",
        line: 3,
        message: expect.stringMatching(/^survey\.ask_members: /),
      },
    });
  });

  // An error inside a list (survey.skip_labels.0) is blamed on the file that holds the list.
  it("names the extended file when the mistake is inside a list there", async () => {
    mockConfigFile(REPO, "_extends: support-policy\nenabled: true\n", { persist: true });
    mockConfigFile("Codertocat/support-policy", '# policy\nsurvey:\n  skip_labels: [""]\n', { persist: true });

    expect(await load()).toEqual({
      ok: false,
      error: {
        file: "Codertocat/support-policy:.github/satisfaction.yml",
        line: 3,
        message: expect.stringMatching(/^survey\.skip_labels\.0: /),
      },
    });
  });

  it("throws a GitHub failure instead of blaming the file", async () => {
    mockConfigStatus(REPO, 500);

    await expect(load()).rejects.toMatchObject({ status: 500 });
  });

  it("throws when the organisation's fallback cannot be read either", async () => {
    mockConfigStatus(REPO, 404);
    mockConfigStatus(ORG, 502);

    await expect(load()).rejects.toMatchObject({ status: 502 });
  });
});

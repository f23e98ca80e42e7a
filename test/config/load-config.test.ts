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

  it("layers _extends under the repository's file: the repository wins, the rest of the extended files apply", async () => {
    mockConfigFile(REPO, "_extends: .github:satisfaction/support.yml\nsurvey:\n  window_days: 5\n");
    mockConfigFile(ORG, "_extends: Codertocat/.github:satisfaction/base.yml\nsurvey:\n  window_days: 30\n  skip_labels: [wontfix]\n", {
      path: "satisfaction/support.yml",
    });
    mockConfigFile(ORG, "survey:\n  ask_members: true\n  window_days: 60\nsummary:\n  output: both\n", { path: "satisfaction/base.yml" });

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

  it("follows _extends to another file of the same repository, read at the same commit", async () => {
    const ref = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
    mockConfigFile(REPO, "_extends: Hello-World:.github/satisfaction-base.yml\ndry_run: true\n", { ref });
    mockConfigFile(REPO, "summary:\n  schedule: daily\n", { path: ".github/satisfaction-base.yml", ref });

    expect(await loadRepositoryConfig(testOctokit(), "Codertocat", "Hello-World", ref)).toEqual({
      ok: true,
      present: true,
      config: { ...defaultConfig, dry_run: true, summary: { ...defaultConfig.summary, schedule: "daily" } },
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
    mockConfigFile(REPO, "# satisfaction-bot\nsurvey:\n  windwo_days: 3\n");

    const result = await load();

    expect(result).toEqual({ ok: false, error: { file: REPO_FILE, line: 3, message: expect.stringContaining("survey.windwo_days") } });
  });

  it("reports a value of the wrong type with its path and line", async () => {
    mockConfigFile(REPO, 'enabled: true\nsummary:\n  schedule: weekly\n  threshold: "high"\n');

    const result = await load();

    expect(result).toEqual({
      ok: false,
      error: { file: REPO_FILE, line: 4, message: expect.stringMatching(/^summary\.threshold: .*number/) },
    });
  });

  it("reports a time zone that does not exist", async () => {
    mockConfigFile(REPO, "summary:\n  timezone: Mars/Olympus_Mons\n");

    expect(await load()).toEqual({
      ok: false,
      error: { file: REPO_FILE, line: 2, message: "summary.timezone: must be an IANA time zone like Europe/Paris" },
    });
  });

  it("names the extended file of the same repository, its line and the mistake there", async () => {
    mockConfigFile(REPO, "_extends: Hello-World:.github/policy.yml\nenabled: true\n");
    mockConfigFile(REPO, "survey:\n  window_days: 3\n  ask_members: sometimes\n", { path: ".github/policy.yml" });

    expect(await load()).toEqual({
      ok: false,
      error: { file: "Codertocat/Hello-World:.github/policy.yml", line: 3, message: expect.stringMatching(/^survey\.ask_members: /) },
    });
  });

  // An error inside a list (survey.skip_labels.0) is blamed on the file that holds the list. That
  // file is the organisation's, which may be private: its line is given, its text is not.
  it("locates a mistake in the organisation's extended file by file and line, quoting none of it", async () => {
    mockConfigFile(REPO, "_extends: .github\nenabled: true\n");
    mockConfigFile(ORG, '# policy\nsurvey:\n  skip_labels: ["secret-label", ""]\n');

    const result = await load();

    expect(result).toEqual({
      ok: false,
      error: {
        file: "Codertocat/.github:.github/satisfaction.yml",
        line: 3,
        message: "this file is invalid; open it at that line to see why",
      },
    });
  });

  it("refuses _extends to another repository unread: the error is at the _extends line and names only the target", async () => {
    for (const target of ["acme/policies:satisfaction/base.yml", "support-policy", "Codertocat/support-policy:.github/satisfaction.yml"]) {
      mockConfigFile(REPO, `# ours\n_extends: ${target}\nenabled: true\n`);
      const named = target.includes("/") ? target.split(":")[0] : `Codertocat/${target}`;

      expect(await load()).toEqual({
        ok: false,
        error: {
          file: REPO_FILE,
          line: 2,
          message: `_extends: ${named} is not read: a configuration may extend only a file of this repository or of Codertocat/.github`,
        },
      });
    }
  });

  it("refuses _extends from the organisation's file to a third repository, and an _extends that is not a file name", async () => {
    mockConfigStatus(REPO, 404);
    mockConfigFile(ORG, "_extends: acme/policies\n");
    mockConfigFile(REPO, "_extends: [a, b]\n");

    expect(await load()).toEqual({
      ok: false,
      error: {
        file: "Codertocat/.github:.github/satisfaction.yml",
        line: 1,
        message: "this file is invalid; open it at that line to see why",
      },
    });
    expect(await load()).toEqual({
      ok: false,
      error: { file: REPO_FILE, line: 1, message: "_extends: must name a file as repo, owner/repo or owner/repo:path.yml" },
    });
  });

  it("refuses an _extends loop at the line that closes it", async () => {
    mockConfigFile(REPO, "_extends: .github\n");
    mockConfigFile(ORG, "enabled: true\n_extends: Hello-World\n");

    expect(await load()).toEqual({
      ok: false,
      error: {
        file: "Codertocat/.github:.github/satisfaction.yml",
        line: 2,
        message: "this file is invalid; open it at that line to see why",
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

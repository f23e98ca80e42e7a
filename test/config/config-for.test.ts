import { describe, expect, it } from "vitest";
import { configFor, parseStoredConfig } from "../../src/config/repository-config.js";
import { defaultConfig } from "../../src/config/schema.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { rowsOf } from "../webhooks/support.js";
import { expireConfigs, log, mockConfigFile, mockConfigStatus, REPO, REPO_FILE, seedRepository, TARGET, testOctokit } from "./support.js";

const GOOD = "survey:\n  window_days: 3\n  skip_labels: [question]\n";
const GOOD_CONFIG = { ...defaultConfig, survey: { ...defaultConfig.survey, window_days: 3, skip_labels: ["question"] } };
const BROKEN = "enabled: true\nsurvey:\n  window_dayz: 3\n";
const BROKEN_ERROR = { file: REPO_FILE, line: 3, message: expect.stringContaining("survey.window_dayz") };

const stored = "SELECT config, error, loaded_at > now() - interval '1 hour' AS fresh FROM repository_configs";

describe("configFor: the configuration in force for a repository", () => {
  const { db } = useDatabase(createTestDatabase);
  const configNow = () => configFor({ db: db(), log }, testOctokit(), TARGET);

  it("stores a good file, then serves it from the database without asking GitHub while it is fresh", async () => {
    await seedRepository(db());
    const read = mockConfigFile(REPO.full_name, GOOD);

    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: null });
    expect(read.isDone()).toBe(true);
    expect(await rowsOf(db(), stored)).toEqual([{ config: GOOD_CONFIG, error: null, fresh: true }]);

    // No mock now: any request would fail the test (test/helpers/setup.ts).
    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: null });
    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: null });
  });

  it("serves a stored file with service-level targets as it was read, not the defaults (durations stored parsed)", async () => {
    const file = [
      "service_levels:",
      "  hours: { timezone: Europe/Berlin, start: '08:00', end: '16:00' }",
      "  targets:",
      "    - { labels: [priority-support], first_response: 4h, resolution: 5d, warn_before: 30m }",
      "follow_up: { mention: '@acme/support' }",
      "knowledge_base: { enabled: true, faq: [docs/FAQ.md] }",
      "",
    ].join("\n");
    await seedRepository(db());
    mockConfigFile(REPO.full_name, file);
    const read = await configNow();
    expect(read.config.service_levels.targets).toEqual([
      {
        labels: ["priority-support"],
        first_response: { amount: 4, unit: "h" },
        resolution: { amount: 5, unit: "d" },
        warn_before: { amount: 30, unit: "m" },
      },
    ]);

    // No mock now: served from the database, every key as the file said.
    expect(await configNow()).toEqual(read);
    expect(parseStoredConfig((await rowsOf<{ config: unknown }>(db(), stored))[0]?.config)).toEqual(read.config);
  });

  it("keeps the last good configuration in force when the file breaks, returns the error and stores it", async () => {
    await seedRepository(db());
    mockConfigFile(REPO.full_name, GOOD);
    await configNow();
    await expireConfigs(db());
    mockConfigFile(REPO.full_name, BROKEN);

    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: BROKEN_ERROR });
    expect(await rowsOf(db(), stored)).toEqual([{ config: GOOD_CONFIG, error: BROKEN_ERROR, fresh: true }]);

    // While fresh, the stored pair is served as it is, error included.
    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: BROKEN_ERROR });
  });

  it("gives the defaults and the error when the file is broken and nothing good was ever stored", async () => {
    await seedRepository(db());
    mockConfigFile(REPO.full_name, BROKEN);

    expect(await configNow()).toEqual({ config: defaultConfig, error: BROKEN_ERROR });
    expect(await rowsOf(db(), stored)).toEqual([{ config: null, error: BROKEN_ERROR, fresh: true }]);
  });

  it("clears the stored error once the file is fixed", async () => {
    await seedRepository(db());
    mockConfigFile(REPO.full_name, BROKEN);
    await configNow();
    await expireConfigs(db());
    mockConfigFile(REPO.full_name, GOOD);

    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: null });
    expect(await rowsOf(db(), stored)).toEqual([{ config: GOOD_CONFIG, error: null, fresh: true }]);
  });

  it("serves the stored configuration, and stores nothing, when GitHub fails", async () => {
    await seedRepository(db());
    mockConfigFile(REPO.full_name, GOOD);
    await configNow();
    await db().query("UPDATE repository_configs SET loaded_at = 'epoch'");
    mockConfigStatus(REPO.full_name, 500);

    expect(await configNow()).toEqual({ config: GOOD_CONFIG, error: null });
    expect(await rowsOf(db(), "SELECT config, loaded_at FROM repository_configs")).toEqual([
      { config: GOOD_CONFIG, loaded_at: new Date(0) },
    ]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import type { TestDatabase } from "../helpers/db.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { at, expectIssue, REPO, seedRepository, seedWeek47, storeConfig, summaryDeps, sweepSummaries } from "../summary/support.js";
import { chatRows, expectChat, setHook, workChat } from "./support.js";

// Issue 18, item 3: a chat room's members may not see a private repository, so its summaries and
// alerts go to chat only when its configuration says so (docs/configuration.md, "Chat").
const MONDAY_9 = at("2026-11-23T09:00:00Z");
const PRIVATE_REPO = { ...REPO, private: true };

describe.each(backends)("chat for a private repository, on $name", ({ create }) => {
  const { db } = useDatabase(create);

  async function postPrivateWeek47(config: Record<string, unknown>) {
    await seedRepository(db(), PRIVATE_REPO);
    await seedWeek47(db());
    await storeConfig(db(), config);
    await setHook(db(), INSTALLATION_ID);
    const { deps } = await summaryDeps(db());
    expectIssue(REPO.fullName, 31, []);
    await sweepSummaries(deps, MONDAY_9);
    return deps;
  }

  it("sends neither its summary nor its alerts by default, though a chat webhook is set", async () => {
    const deps = await postPrivateWeek47({});
    expect(await chatRows(db())).toEqual([]);
    expect(await workChat(deps, MONDAY_9)).toEqual({});
  });

  it("sends what its configuration turns on: chat.summaries true sends the headline, naming the repository", async () => {
    const deps = await postPrivateWeek47({ chat: { summaries: true } });
    expect((await chatRows(db())).map((row) => row.kind)).toEqual(["summary"]);
    const sent: string[] = [];
    expectChat(sent);
    expect(await workChat(deps, MONDAY_9)).toEqual({ sent: 1 });
    expect(sent[0]).toContain("*Satisfaction report: o/r*");
  });

  it("sends a public repository's summary and alert by default", async () => {
    await seedRepository(db(), REPO);
    await seedWeek47(db());
    await storeConfig(db(), {});
    await setHook(db(), INSTALLATION_ID);
    const { deps } = await summaryDeps(db());
    expectIssue(REPO.fullName, 31, []);
    await sweepSummaries(deps, MONDAY_9);
    expect((await chatRows(db())).map((row) => row.kind)).toEqual(["summary", "alert"]);
  });
});

describe.each(backends)("migration 023 on $name", ({ create }) => {
  let store: TestDatabase;
  afterAll(async () => store.drop());

  it("forgets the chat keys stored before it, where the old default cannot be told from a choice, and reloads", async () => {
    store = await create(22);
    await store.db.exec(`
      INSERT INTO installations (id, account_login, account_type, organization_config, organization_config_loaded_at)
        VALUES (100, 'octo', 'Organization', '{"chat": {"summaries": true, "alerts": true}, "dry_run": false}', now());
      INSERT INTO repositories (installation_id, id, full_name, private) VALUES (100, 700, 'octo/app', true);
      INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at)
        VALUES (100, 700, '{"chat": {"summaries": true, "alerts": true}, "dry_run": false}', now());
    `);
    await migrate(store.db);
    const repository = await store.db.query("SELECT config, loaded_at > now() - interval '1 hour' AS fresh FROM repository_configs");
    expect(repository.rows).toEqual([{ config: { dry_run: false }, fresh: false }]);
    const organization = await store.db.query(
      "SELECT organization_config AS config, organization_config_loaded_at AS loaded FROM installations",
    );
    expect(organization.rows).toEqual([{ config: { dry_run: false }, loaded: null }]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Migration } from "../../src/db/migrate.js";
import { migrate, readMigrations } from "../../src/db/migrate.js";
import { openPglite } from "../../src/db/pglite.js";
import { openPostgres } from "../../src/db/postgres.js";
import type { Db } from "../../src/db/types.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase, MIGRATION_FILES, MIGRATIONS_RECORDED, useDatabase } from "../helpers/db.js";

const CORE_TABLES = [
  "api_rate_windows",
  "api_token_repositories",
  "api_tokens",
  "backfill_runs",
  "backfill_seen",
  "chat_messages",
  "chat_webhooks",
  "config_checks",
  "deliveries",
  "delivery_redeliveries",
  "experiences",
  "identity_links",
  "installations",
  "issues",
  "jobs",
  "knowledge_answers",
  "knowledge_documents",
  "knowledge_faq_loads",
  "knowledge_rejections",
  "label_events",
  "opt_outs",
  "repositories",
  "repository_configs",
  "schema_migrations",
  "service_marks",
  "summaries",
  "surveys",
  "work",
  "write_budget",
];

async function tables(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.name);
}

async function recorded(db: Db): Promise<{ id: number; name: string }[]> {
  return (await db.query<{ id: number; name: string }>("SELECT id, name FROM schema_migrations ORDER BY id")).rows;
}

/** A migration whose first statement works and whose second fails. */
const broken: Migration = {
  id: 902,
  name: "902_broken.sql",
  sql: "CREATE TABLE half_done (id integer PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);",
};
const good: Migration = { id: 901, name: "901_good.sql", sql: "CREATE TABLE good_one (id integer PRIMARY KEY);" };

describe("readMigrations", () => {
  it("reads the numbered .sql files in order", async () => {
    const migrations = await readMigrations();
    expect(migrations.map(({ id, name }) => ({ id, name }))).toEqual(MIGRATIONS_RECORDED);
    expect(migrations[0]?.sql).toContain("CREATE TABLE experiences");
  });

  it("skips files that are not numbered migrations", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-migrations-"));
    try {
      for (const file of ["002_second.sql", "001_first.sql", "notes.md", "draft.sql", "003_third.sql.bak"]) {
        fs.writeFileSync(path.join(dir, file), `-- ${file}`);
      }
      const migrations = await readMigrations(dir);
      expect(migrations.map(({ id, name, sql }) => [id, name, sql])).toEqual([
        [1, "001_first.sql", "-- 001_first.sql"],
        [2, "002_second.sql", "-- 002_second.sql"],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Fresh, never-migrated stores: PostgreSQL (a test database emptied back to a bare schema) and PGlite in memory. */
const freshStores = [
  {
    name: "postgres",
    async create() {
      const store = await createTestDatabase();
      await store.db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      return store;
    },
  },
  {
    name: "pglite",
    async create(): Promise<TestDatabase> {
      const db = await openPglite(undefined);
      return { db, url: "memory://", drop: () => db.close() };
    },
  },
] as const;

describe.each(freshStores)("migrate on $name", ({ create }) => {
  let store: TestDatabase;
  afterEach(async () => store.drop());

  it("applies each migration once and records it", async () => {
    store = await create();
    expect(await tables(store.db)).toEqual([]);
    expect(await migrate(store.db)).toEqual(MIGRATION_FILES);
    expect(await tables(store.db)).toEqual(CORE_TABLES);
    expect(await migrate(store.db)).toEqual([]);
    expect(await recorded(store.db)).toEqual(MIGRATIONS_RECORDED);
  });

  it("rolls a failing migration back completely and keeps the ones before it", async () => {
    store = await create();
    await expect(migrate(store.db, [good, broken])).rejects.toThrow(/no_such_table/);
    expect(await tables(store.db)).toEqual(["good_one", "schema_migrations"]);
    expect(await recorded(store.db)).toEqual([{ id: 901, name: "901_good.sql" }]);

    // fixed, it applies on the next run, and only it
    const fixed = { ...broken, sql: "CREATE TABLE half_done (id integer PRIMARY KEY);" };
    expect(await migrate(store.db, [good, fixed])).toEqual(["902_broken.sql"]);
    expect(await tables(store.db)).toEqual(["good_one", "half_done", "schema_migrations"]);
  });

  it("leaves nothing behind when the very first migration fails", async () => {
    store = await create();
    await expect(migrate(store.db, [broken])).rejects.toThrow(/no_such_table/);
    expect(await tables(store.db)).toEqual([]);
  });
});

describe("two instances migrating the same fresh PostgreSQL database at once", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  const pools: Db[] = [];
  beforeAll(async () => {
    await db().exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it("both succeed, and each migration is applied and recorded once", async () => {
    pools.push(openPostgres(url(), 2), openPostgres(url(), 2));
    const results = await Promise.all(pools.map((pool) => migrate(pool)));
    // Each migration is applied by exactly one of the two, whichever takes its lock first.
    expect(results.flat().sort()).toEqual(MIGRATION_FILES);
    expect(await recorded(db())).toEqual(MIGRATIONS_RECORDED);
    expect(await tables(db())).toEqual(CORE_TABLES);
  });
});

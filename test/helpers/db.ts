import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Migration } from "../../src/db/migrate.js";
import { migrate, readMigrations } from "../../src/db/migrate.js";
import { openPglite } from "../../src/db/pglite.js";
import { openPostgres } from "../../src/db/postgres.js";
import type { Db } from "../../src/db/types.js";

/** The migration files, read straight from the folder: what `migrate` must apply, in order. */
export const MIGRATION_FILES = fs
  .readdirSync(new URL("../../migrations/", import.meta.url))
  .filter((file) => /^\d+_.+\.sql$/.test(file))
  .sort();
export const MIGRATIONS_RECORDED = MIGRATION_FILES.map((name) => ({ id: Number(name.split("_")[0]), name }));

/** The server's maintenance database; each test file makes (and drops) a database of its own. */
export const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { db: Db; url: string; drop(): Promise<void> };

/** The migrations up to and including `upTo` (all of them when undefined): to build an older schema. */
async function migrationsUpTo(upTo: number | undefined): Promise<Migration[]> {
  return (await readMigrations()).filter((migration) => upTo === undefined || migration.id <= upTo);
}

/** A fresh PostgreSQL database on the real server, migrated (up to migration `upTo` when given). */
export async function createTestDatabase(upTo?: number): Promise<TestDatabase> {
  const name = `sbt_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  await migrate(db, await migrationsUpTo(upTo));
  await recordMigrationSeeds(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A fresh embedded database in memory, migrated (up to migration `upTo` when given). */
export async function createPgliteDatabase(upTo?: number): Promise<TestDatabase> {
  const db = await openPglite(undefined);
  await migrate(db, await migrationsUpTo(upTo));
  await recordMigrationSeeds(db);
  return { db, url: "memory://", drop: () => db.close() };
}

/** The two stores the app runs on: the tests that store data run on both. */
export const backends = [
  { name: "postgres", create: createTestDatabase },
  { name: "pglite", create: createPgliteDatabase },
] as const;

/** The app's tables, read from the catalogue: a table a new migration adds is emptied without editing this. */
async function appTables(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

/** Rows the migrations themselves insert (the jobs' row), as JSON per table, read once right after migrating. */
const migrationSeeds = new WeakMap<Db, Map<string, string>>();

async function recordMigrationSeeds(db: Db): Promise<void> {
  const seeds = new Map<string, string>();
  for (const table of await appTables(db)) {
    const { rows } = await db.query<{ seed: string | null }>(`SELECT json_agg(t)::text AS seed FROM ${table} t`);
    if (rows[0]?.seed) seeds.set(table, rows[0].seed);
  }
  migrationSeeds.set(db, seeds);
}

/** Empties every table of the app, then puts back the rows the migrations seeded, as a fresh database has them. */
export async function truncateAll(db: Db): Promise<void> {
  const seeds = migrationSeeds.get(db);
  if (!seeds) throw new Error("truncateAll: not a database made by createTestDatabase or createPgliteDatabase");
  await db.exec(`TRUNCATE ${(await appTables(db)).join(", ")} RESTART IDENTITY CASCADE`);
  for (const [table, seed] of seeds) {
    await db.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [seed]);
  }
}

/**
 * For a whole test file (or describe): a fresh database from `create`, dropped at the end and, unless
 * `emptyEachTest` is false, emptied before each test. Read it through the getters once the hooks have run.
 */
export function useDatabase(
  create: () => Promise<TestDatabase>,
  options: { emptyEachTest?: boolean } = {},
): { db: () => Db; url: () => string } {
  let store: TestDatabase | undefined;
  beforeAll(async () => {
    store = await create();
  });
  afterAll(async () => store?.drop());
  if (options.emptyEachTest ?? true) {
    beforeEach(async () => {
      if (store) await truncateAll(store.db);
    });
  }
  const opened = (): TestDatabase => {
    if (!store) throw new Error("useDatabase: the test database is not open (used before its beforeAll ran)");
    return store;
  };
  return { db: () => opened().db, url: () => opened().url };
}

/**
 * For a whole test file: a fresh PostgreSQL database emptied before each test, and a second pool on
 * it, as a second app instance has. Call inside a `describe`; read both through the getters.
 */
export function useSecondInstance(): { db: () => Db; secondPool: () => Db } {
  const { db, url } = useDatabase(createTestDatabase);
  let secondPool: Db | undefined;
  beforeAll(() => {
    secondPool = openPostgres(url());
  });
  afterAll(async () => secondPool?.close());
  return {
    db,
    secondPool: () => {
      if (!secondPool) throw new Error("useSecondInstance: used before its beforeAll ran");
      return secondPool;
    },
  };
}

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { migrate } from "../../src/db/migrate.js";
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

/** A fresh, migrated PostgreSQL database on the real server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sbt_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A fresh, migrated embedded database in memory. */
export async function createPgliteDatabase(): Promise<TestDatabase> {
  const db = await openPglite(undefined);
  await migrate(db);
  return { db, url: "memory://", drop: () => db.close() };
}

/** The two stores the app runs on: the tests that store data run on both. */
export const backends = [
  { name: "postgres", create: createTestDatabase },
  { name: "pglite", create: createPgliteDatabase },
] as const;

export async function truncateAll(db: Db): Promise<void> {
  await db.exec("TRUNCATE installations, repositories, issues, surveys, experiences, deliveries RESTART IDENTITY CASCADE");
}

/**
 * For a whole test file: a fresh database and a second pool on it, as a second app instance has.
 * Call inside a `describe`; read them through the returned getters once the hooks have run.
 */
export function useSecondInstance(): { store: () => TestDatabase; secondPool: () => Db } {
  let store: TestDatabase | undefined;
  let secondPool: Db | undefined;
  beforeAll(async () => {
    store = await createTestDatabase();
    secondPool = openPostgres(store.url);
  });
  afterAll(async () => {
    await secondPool?.close();
    await store?.drop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useSecondInstance: used before its beforeAll ran");
    return value;
  };
  return { store: () => need(store), secondPool: () => need(secondPool) };
}

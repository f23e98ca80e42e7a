import fs from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Db } from "./types.js";

export const migrationsDir = fileURLToPath(new URL("../../migrations/", import.meta.url));

// Any fixed number: instances starting at once wait on this lock instead of racing.
const MIGRATION_LOCK = 728_320_114;

export type Migration = { id: number; name: string; sql: string };

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((file) => /^\d+_.+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => ({
      id: Number(file.slice(0, file.indexOf("_"))),
      name: file,
      sql: await fs.readFile(`${dir}/${file}`, "utf8"),
    })),
  );
}

/** Applies the pending migrations in order, each in its own transaction, and returns their names. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const applied: string[] = [];
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const seen = await tx.query("SELECT 1 FROM schema_migrations WHERE id = $1", [migration.id]);
      if (seen.rowCount > 0) return false;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [migration.id, migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** The migrations this code has and the database lacks, and those the database has that this code does not know (it is newer). */
export async function migrationStatus(db: Db, migrations?: Migration[]): Promise<{ pending: string[]; unknown: string[] }> {
  const all = migrations ?? (await readMigrations());
  const table = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  const applied = table.rows[0]?.exists
    ? (await db.query<{ id: number; name: string }>("SELECT id, name FROM schema_migrations ORDER BY id")).rows
    : [];
  const known = new Set(all.map((migration) => migration.id));
  const done = new Set(applied.map((row) => row.id));
  return {
    pending: all.filter((migration) => !done.has(migration.id)).map((migration) => migration.name),
    unknown: applied.filter((row) => !known.has(row.id)).map((row) => row.name),
  };
}

import path from "node:path";
import { migrationStatus } from "../db/migrate.js";
import { privateFolderProblem } from "../db/private-folder.js";
import { openDatabase } from "../db/open.js";
import type { Db } from "../db/types.js";
import type { Env } from "../env.js";
import type { Check } from "./check.js";
import { ok, problem, skipped } from "./check.js";

const where = (env: Env) => (env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : `the embedded database in ${env.DATA_DIR}`);

/**
 * The database opens and answers; never migrates (the doctor changes nothing). An embedded store's
 * folder open to other users is reported and not opened: opening it would close it, and the doctor
 * only reads.
 */
export async function databaseCheck(env: Env | null, open = openDatabase): Promise<{ db: Db | null; check: Check }> {
  if (!env) return { db: null, check: skipped("database", "the environment is invalid") };
  const exposed = env.DATABASE_URL ? null : privateFolderProblem(path.resolve(env.DATA_DIR));
  if (exposed) {
    const fix = `run \`chmod -R go-rwx ${env.DATA_DIR}\` as the app's user (the app also closes it when it next opens the store)`;
    return { db: null, check: problem("database", `${where(env)}: ${exposed}: they can read and change it`, fix) };
  }
  let db: Db | null = null;
  try {
    db = await open(env);
    await db.query("SELECT 1");
    return { db, check: ok("database", `${where(env)} answers`) };
  } catch (error) {
    await db?.close().catch(() => undefined);
    const fix = env.DATABASE_URL
      ? "start PostgreSQL, or correct DATABASE_URL (host, port, user, database name)"
      : "check that DATA_DIR is writable and not used by another process, or set DATABASE_URL to a PostgreSQL server";
    return { db: null, check: problem("database", `${where(env)} cannot be used: ${(error as Error).message}`, fix) };
  }
}

/** Every migration of this code is applied, and the database is not newer than the code. */
export async function migrationsCheck(db: Db | null): Promise<Check> {
  if (!db) return skipped("migrations", "the database is unavailable");
  const { pending, unknown } = await migrationStatus(db);
  if (unknown.length > 0) {
    return problem(
      "migrations",
      `the database has migrations this version does not know (${unknown.join(", ")}): it was upgraded by a newer version`,
      "run the newer version of satisfaction-bot (migrations are never rolled back)",
    );
  }
  if (pending.length > 0) {
    return problem(
      "migrations",
      `${pending.length} not applied yet (${pending.join(", ")})`,
      "run `satisfaction-bot migrate`, or start the app: it migrates at start",
    );
  }
  return ok("migrations", "all applied");
}

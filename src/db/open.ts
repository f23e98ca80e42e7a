import path from "node:path";
import type { Db } from "./types.js";
import { openPostgres } from "./postgres.js";
import { openPglite } from "./pglite.js";

export type DatabaseSettings = { DATABASE_URL?: string | undefined; DATA_DIR: string };

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in DATA_DIR. */
export async function openDatabase(settings: DatabaseSettings): Promise<Db> {
  if (settings.DATABASE_URL) return openPostgres(settings.DATABASE_URL);
  return openPglite(path.resolve(settings.DATA_DIR));
}

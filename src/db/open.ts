import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Db } from "./types.js";
import { socketPath } from "./cli-socket.js";
import { DataDirLockedError } from "./data-dir-lock.js";
import { openPostgres } from "./postgres.js";
import { openPglite } from "./pglite.js";
import { openThroughServer } from "./through-server.js";

export type DatabaseSettings = { DATABASE_URL?: string | undefined; DATA_DIR: string };

/**
 * For the CLI: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in DATA_DIR,
 * opened here, or through the socket of the server that has it open.
 */
export async function openDatabase(settings: DatabaseSettings, log?: Logger): Promise<Db> {
  if (settings.DATABASE_URL) return openPostgres(settings.DATABASE_URL);
  const dataDir = path.resolve(settings.DATA_DIR);
  try {
    return await openPglite(dataDir, log);
  } catch (error) {
    if (!(error instanceof DataDirLockedError) || !fs.existsSync(socketPath(dataDir))) throw error;
    const db = await openThroughServer(dataDir);
    if (!db) throw error;
    return db;
  }
}

/** For the server: the same, but the embedded database only opened here, and shared with the CLI. */
export async function openServerDatabase(settings: DatabaseSettings, log: Logger): Promise<Db> {
  if (settings.DATABASE_URL) return openPostgres(settings.DATABASE_URL);
  const db = await openPglite(path.resolve(settings.DATA_DIR), log);
  try {
    log.info({ socket: await db.shareWithCli() }, "embedded database shared with the CLI");
  } catch (error) {
    log.warn({ err: error }, "embedded database not shared: the CLI cannot use it while the server runs");
  }
  return db;
}

import path from "node:path";
import type { Logger } from "pino";
import { PGlite, types } from "@electric-sql/pglite";
import type { Transaction } from "@electric-sql/pglite";
import type { Db, Queryable } from "./types.js";
import type { SharedSocket } from "./cli-socket.js";
import { shareOverSocket, socketPath } from "./cli-socket.js";
import { lockDataDir } from "./data-dir-lock.js";
import { closeTree, keepPrivate } from "./private-folder.js";
import { createTurns } from "./turns.js";

function wrap(client: PGlite | Transaction): Queryable {
  return {
    async query(text, params) {
      const result = await client.query(text, params as unknown[] | undefined);
      // PGlite's affectedRows is 0 for a SELECT: count the rows returned as pg's rowCount does.
      return { rows: result.rows as never[], rowCount: Math.max(result.rows.length, result.affectedRows ?? 0) };
    },
    async exec(script) {
      await client.exec(script);
    },
  };
}

export type EmbeddedDb = Db & {
  /** Serves this database to the CLI on a Unix socket in the data folder (cli-socket.ts); returns its path. */
  shareWithCli(): Promise<string>;
};

/**
 * The embedded database: PostgreSQL in WebAssembly, kept in `dataDir/pglite` (in memory when
 * `dataDir` is undefined). PGlite is single-process, so the folder is locked while it is open. Its
 * queries and transactions take turns with those of the CLI connections it serves (turns.ts).
 */
export async function openPglite(dataDir: string | undefined, log?: Pick<Logger, "warn">): Promise<EmbeddedDb> {
  const opened = dataDir ? keepPrivate(dataDir) : null;
  if (opened) log?.warn(opened, "DATA_DIR was readable by other users; closed it to this user alone");
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  try {
    const pglite = await PGlite.create(dataDir && path.join(dataDir, "pglite"), {
      parsers: { [types.INT8]: (value: string) => Number(value) },
    });
    // PGlite chmods its files 0666 whatever the umask; the 0700 folder keeps others out meanwhile.
    if (dataDir) closeTree(dataDir);
    const turns = createTurns();
    const direct = wrap(pglite);
    let shared: SharedSocket | undefined;
    return {
      kind: "pglite",
      query: (text, params) => turns.run(() => direct.query(text, params)),
      exec: (script) => turns.run(() => direct.exec(script)),
      transaction: (fn) => turns.run(() => pglite.transaction((tx) => fn(wrap(tx)))),
      async shareWithCli() {
        if (!dataDir) throw new Error("an embedded database in memory cannot be shared");
        shared = await shareOverSocket(pglite, turns, dataDir);
        return socketPath(dataDir);
      },
      async close() {
        await shared?.close();
        await turns.run(() => pglite.close());
        if (dataDir) closeTree(dataDir);
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

import path from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import type { Transaction } from "@electric-sql/pglite";
import type { Db, Queryable } from "./types.js";
import { lockDataDir } from "./data-dir-lock.js";

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

/**
 * The embedded database: PostgreSQL in WebAssembly, kept in `dataDir/pglite` (in memory when
 * `dataDir` is undefined). PGlite is single-process, so the folder is locked while it is open.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  try {
    const pglite = await PGlite.create(dataDir && path.join(dataDir, "pglite"), {
      parsers: { [types.INT8]: (value: string) => Number(value) },
    });
    return {
      kind: "pglite",
      ...wrap(pglite),
      transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
      async close() {
        await pglite.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

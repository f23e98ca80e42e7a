import pg from "pg";
import type { Db, Queryable } from "./types.js";

// bigint (GitHub ids, counts) as numbers: every id GitHub hands out fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query(text, params, prepareAs) {
      const values = params as unknown[] | undefined;
      const result = await (prepareAs ? client.query({ name: prepareAs, text, values }) : client.query(text, values));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(script) {
      await client.query(script);
    },
  };
}

/** A pool on a connection string (DATABASE_URL), or on explicit settings (a server's Unix socket). */
export function openPostgres(connection: string | pg.PoolConfig, max = 10): Db {
  const pool = new pg.Pool(typeof connection === "string" ? { connectionString: connection, max } : { max, ...connection });
  // A client losing its connection (a PostgreSQL restart) emits "error": unheard, that crashes the
  // process. Idle clients report on the pool, checked-out ones on themselves; their queries reject anyway.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return {
    kind: "postgres",
    ...wrap(pool),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

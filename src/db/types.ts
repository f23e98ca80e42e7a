export type QueryResult<R> = { rows: R[]; rowCount: number };

/** What a query module needs: a pool, a PGlite instance or an open transaction. */
export type Queryable = {
  /**
   * `prepareAs` names a statement run on every delivery: PostgreSQL parses and plans it once per
   * connection instead of at each run (PGlite ignores it). Only for static text of stable tables.
   */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], prepareAs?: string): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
};

/** A connection pool's use: connections open, of which idle, requests waiting for one, and the most it opens. */
export type PoolUse = { total: number; idle: number; waiting: number; max: number };

export type Db = Queryable & {
  readonly kind: "postgres" | "pglite";
  /** PostgreSQL's pool use, for /metrics; the embedded database has one connection and no pool. */
  poolUse?: () => PoolUse;
  /** Runs fn in one transaction; inside it, use only the `tx` it is given. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

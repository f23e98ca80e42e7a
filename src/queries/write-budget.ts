import type { Queryable } from "../db/types.js";

// GitHub allows at most 80 content-creating requests a minute and 500 an hour; a margin keeps
// retries, and instances racing for the last unit, under both.
export const WRITES_PER_MINUTE = 70;
export const WRITES_PER_HOUR = 480;

/**
 * Takes one content-creating request from the installation's budget (by the database clock, shared
 * by every instance): the current minute's and the last hour's. False when either is spent: the
 * work waits for a later minute. A refused request is not counted, so waiting work never uses up
 * the budget it waits for.
 */
export async function takeWrite(db: Queryable, installationId: number): Promise<boolean> {
  const result = await db.query<{ used: number }>(
    `WITH hour AS (
       SELECT coalesce(sum(used), 0) AS used FROM write_budget
       WHERE installation_id = $1 AND minute > date_trunc('minute', now()) - interval '1 hour')
     INSERT INTO write_budget (installation_id, minute, used)
     SELECT $1, date_trunc('minute', now()), 1 FROM hour WHERE hour.used < $3
     ON CONFLICT (installation_id, minute) DO UPDATE SET used = write_budget.used + 1
       WHERE write_budget.used < $2 AND (SELECT used FROM hour) < $3
     RETURNING used`,
    [installationId, WRITES_PER_MINUTE, WRITES_PER_HOUR],
  );
  await db.query("DELETE FROM write_budget WHERE installation_id = $1 AND minute < date_trunc('minute', now()) - interval '1 hour'", [
    installationId,
  ]);
  return result.rowCount === 1;
}

import type { Queryable } from "../db/types.js";

// GitHub allows at most 80 content-creating requests a minute; a margin keeps retries under it too.
export const WRITES_PER_MINUTE = 70;

/**
 * Takes one content-creating request from the installation's budget for the current minute (by the
 * database clock, shared by every instance). False when the minute's budget is spent: wait for the next.
 */
export async function takeWrite(db: Queryable, installationId: number): Promise<boolean> {
  const result = await db.query<{ used: number }>(
    `INSERT INTO write_budget (installation_id, minute, used) VALUES ($1, date_trunc('minute', now()), 1)
     ON CONFLICT (installation_id, minute) DO UPDATE SET used = write_budget.used + 1
     RETURNING used`,
    [installationId],
  );
  await db.query("DELETE FROM write_budget WHERE installation_id = $1 AND minute < date_trunc('minute', now()) - interval '1 hour'", [
    installationId,
  ]);
  return (result.rows[0]?.used ?? 0) <= WRITES_PER_MINUTE;
}

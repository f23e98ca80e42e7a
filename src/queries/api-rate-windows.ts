import type { Queryable } from "../db/types.js";

/**
 * Counts one request of a token in the window starting at `windowStart`, and returns the window's
 * count with it: one statement, so instances sharing the database count in the same row.
 */
export async function countTokenRequest(db: Queryable, token: { id: number; installationId: number }, windowStart: Date): Promise<number> {
  const { rows } = await db.query<{ requests: number }>(
    `INSERT INTO api_rate_windows (token_id, installation_id, window_start, requests) VALUES ($1, $2, $3, 1)
     ON CONFLICT (token_id, window_start) DO UPDATE SET requests = api_rate_windows.requests + 1
     RETURNING requests`,
    [token.id, token.installationId, windowStart],
  );
  return rows[0]?.requests ?? 1;
}

/** Deletes the counters of windows that started before `cutoff`, in every installation: they count nothing any more. */
export async function deleteRateWindowsBefore(db: Queryable, cutoff: Date): Promise<number> {
  const { rowCount } = await db.query("DELETE FROM api_rate_windows WHERE window_start < $1", [cutoff]);
  return rowCount;
}

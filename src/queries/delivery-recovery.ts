import type { Queryable } from "../db/types.js";

export const RECOVERY_JOB = "redeliver_failed_deliveries";

/**
 * Claims one run of an app-wide job at `now`, unless a run started less than `intervalMinutes`
 * earlier. Two instances claiming at once wait on the row's lock: the second then sees the first's
 * run and gets false. A run recorded more than a day ahead (a `sweep --now` in the future) does not
 * hold the job back.
 */
export async function claimJobRun(db: Queryable, name: string, now: Date, intervalMinutes: number): Promise<boolean> {
  const result = await db.query(
    `UPDATE jobs SET last_run_at = $2
     WHERE name = $1
       AND (last_run_at <= $2::timestamptz - make_interval(mins => $3)
            OR last_run_at > $2::timestamptz + interval '1 day')
     RETURNING name`,
    [name, now, intervalMinutes],
  );
  return result.rowCount === 1;
}

/**
 * The GUIDs among `guids` that the app recorded in `deliveries`: those took effect. The GUID is
 * GitHub's, unique across installations; this app-level job sees every installation's deliveries.
 */
export async function recordedGuids(db: Queryable, guids: string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>("SELECT id FROM deliveries WHERE id = ANY($1::text[])", [guids]);
  return new Set(rows.map((row) => row.id));
}

/**
 * Records a redelivery request for `guid` (of delivery `deliveryId`), unless `cap` requests were
 * already made for it. Returns the number of requests made so far, or null at the cap.
 */
export async function recordRedeliveryRequest(
  db: Queryable,
  request: { guid: string; deliveryId: number; at: Date },
  cap: number,
): Promise<number | null> {
  const { rows } = await db.query<{ attempts: number }>(
    `INSERT INTO delivery_redeliveries AS r (guid, delivery_id, asked_at, attempts) VALUES ($1, $2, $3, 1)
     ON CONFLICT (guid) DO UPDATE SET delivery_id = $2, asked_at = $3, attempts = r.attempts + 1
       WHERE r.attempts < $4
     RETURNING attempts`,
    [request.guid, request.deliveryId, request.at, cap],
  );
  return rows[0]?.attempts ?? null;
}

/** Marks a GUID given up; true only the first time, so it is logged once. */
export async function markRedeliveryGivenUp(db: Queryable, guid: string, at: Date): Promise<boolean> {
  const result = await db.query(
    "UPDATE delivery_redeliveries SET given_up_at = $2 WHERE guid = $1 AND given_up_at IS NULL RETURNING guid",
    [guid, at],
  );
  return result.rowCount === 1;
}

/** Forgets requests older than `before`: GitHub no longer lists (or redelivers) those deliveries. */
export async function forgetRedeliveryRequests(db: Queryable, before: Date): Promise<number> {
  const result = await db.query("DELETE FROM delivery_redeliveries WHERE asked_at < $1", [before]);
  return result.rowCount;
}

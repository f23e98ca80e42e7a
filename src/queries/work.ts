import type { Queryable } from "../db/types.js";

/** One piece of queued work as a claim returns it; `attempts` counts this one. */
export type WorkItem = {
  id: number;
  installationId: number;
  repositoryId: number | null;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
};

/** Names queued work by what it works on: the same work is queued once. */
export type WorkRef = { installationId: number; kind: string; key: string };

export type NewWork = WorkRef & { repositoryId: number | null; payload?: Record<string, unknown>; runAt: Date };

// How long a claim holds before another worker may take the work over (a crashed or killed worker).
const LEASE = "interval '2 minutes'";

const itemColumns = `w.id, w.installation_id AS "installationId", w.repository_id AS "repositoryId", w.kind, w.key, w.payload, w.attempts`;

// Claimable: pending, due, not leased, its installation not suspended, its repository not removed.
const claimable = `w.state = 'pending' AND (w.locked_until IS NULL OR w.locked_until < now())
  AND EXISTS (SELECT 1 FROM installations i WHERE i.id = w.installation_id AND i.suspended_at IS NULL)
  AND NOT EXISTS (SELECT 1 FROM repositories r
    WHERE r.installation_id = w.installation_id AND r.id = w.repository_id AND r.removed_at IS NOT NULL)`;

/**
 * Queues work, in the caller's transaction. Queued already (pending or failed): left as it is, except
 * that pending work due later is brought forward to `runAt`. Returns whether a row was added.
 */
export async function enqueueWork(tx: Queryable, work: NewWork): Promise<boolean> {
  const result = await tx.query<{ inserted: boolean }>(
    `INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6)
     ON CONFLICT (installation_id, kind, key) DO UPDATE SET run_at = least(work.run_at, EXCLUDED.run_at)
       WHERE work.state = 'pending' AND work.run_at > EXCLUDED.run_at
     RETURNING (xmax = 0) AS inserted`,
    [work.installationId, work.repositoryId, work.kind, work.key, JSON.stringify(work.payload ?? {}), work.runAt],
  );
  return result.rows[0]?.inserted ?? false;
}

/**
 * Claims up to `limit` pieces of work due at `now` that no other worker holds (FOR UPDATE SKIP
 * LOCKED, then a lease), counting an attempt on each; several instances can share the queue.
 */
export async function claimDueWork(db: Queryable, now: Date, limit: number): Promise<WorkItem[]> {
  const result = await db.query<WorkItem>(
    `WITH due AS (
       SELECT w.id FROM work w WHERE ${claimable} AND w.run_at <= $1
       ORDER BY w.run_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE work w SET locked_until = now() + ${LEASE}, attempts = w.attempts + 1
     FROM due WHERE w.id = due.id RETURNING ${itemColumns}`,
    [now, limit],
  );
  return result.rows;
}

/** Claims one piece of work now, due or not (right after the webhook that queued it), unless it is held. */
export async function claimWork(db: Queryable, ref: WorkRef): Promise<WorkItem | null> {
  const result = await db.query<WorkItem>(
    `UPDATE work w SET locked_until = now() + ${LEASE}, attempts = w.attempts + 1
     WHERE w.installation_id = $1 AND w.kind = $2 AND w.key = $3 AND ${claimable}
     RETURNING ${itemColumns}`,
    [ref.installationId, ref.kind, ref.key],
  );
  return result.rows[0] ?? null;
}

type ItemRef = Pick<WorkItem, "id" | "installationId">;

/** Done: the row goes (what the work was about stays in its own table). */
export async function completeWork(db: Queryable, item: ItemRef): Promise<void> {
  await db.query("DELETE FROM work WHERE id = $1 AND installation_id = $2", [item.id, item.installationId]);
}

/**
 * Runs the work again at `runAt`. `counted: false` gives the attempt back (the work waited on a
 * budget or a rate limit, it did not fail); `fresh` starts its count again (a new step of the work).
 */
export async function rescheduleWork(
  db: Queryable,
  item: ItemRef,
  next: { runAt: Date; error: string | null; counted: boolean; fresh?: boolean },
): Promise<void> {
  await db.query(
    `UPDATE work SET run_at = $3, locked_until = NULL, last_error = $4,
       attempts = CASE WHEN $6 THEN 0 WHEN $5 THEN attempts ELSE greatest(attempts - 1, 0) END
     WHERE id = $1 AND installation_id = $2 AND state = 'pending'`,
    [item.id, item.installationId, next.runAt, next.error?.slice(0, 500) ?? null, next.counted, next.fresh ?? false],
  );
}

/** A failed attempt, tried again after a backoff computed here: 2^attempts minutes, at most an hour. */
export async function backOffWork(db: Queryable, item: ItemRef, error: string, now: Date): Promise<Date> {
  const result = await db.query<{ runAt: Date }>(
    `UPDATE work SET locked_until = NULL, last_error = $3,
       run_at = $4::timestamptz + least(power(2, attempts), 60) * interval '1 minute'
     WHERE id = $1 AND installation_id = $2 AND state = 'pending' RETURNING run_at AS "runAt"`,
    [item.id, item.installationId, error.slice(0, 500), now],
  );
  return result.rows[0]?.runAt ?? now;
}

/** Gives up: the work stays, failed with its last error, for `failures` to list and `retry` to put back. */
export async function failWork(tx: Queryable, item: ItemRef, error: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE work SET state = 'failed', locked_until = NULL, last_error = $3, failed_at = $4
     WHERE id = $1 AND installation_id = $2`,
    [item.id, item.installationId, error.slice(0, 500), at],
  );
}

/** Removes the queued work of things that are gone (a forgotten person's surveys). */
export async function deleteWork(tx: Queryable, installationId: number, kinds: readonly string[], keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query("DELETE FROM work WHERE installation_id = $1 AND kind = ANY($2::text[]) AND key = ANY($3::text[])", [
    installationId,
    kinds,
    keys,
  ]);
}

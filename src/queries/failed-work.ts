import type { Queryable } from "../db/types.js";

/** Work that failed for good, with what `failures` shows of it. */
export type FailedWork = {
  id: number;
  installationId: number;
  kind: string;
  key: string;
  /** `owner/name` of the repository it acts on; null when there is none, or it is gone. */
  repository: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
};

/** Failed work of the given kinds, newest first; only installation `installationId`'s when it is not null. */
export async function failedWork(db: Queryable, kinds: readonly string[], installationId: number | null): Promise<FailedWork[]> {
  const { rows } = await db.query<FailedWork>(
    `SELECT w.id, w.installation_id AS "installationId", w.kind, w.key, r.full_name AS repository, w.payload,
       w.attempts, w.last_error AS "lastError", w.failed_at AS "failedAt"
     FROM work w
     LEFT JOIN repositories r ON r.installation_id = w.installation_id AND r.id = w.repository_id
     WHERE w.state = 'failed' AND w.kind = ANY($1::text[]) AND ($2::bigint IS NULL OR w.installation_id = $2)
     ORDER BY w.failed_at DESC NULLS LAST, w.id DESC`,
    [kinds, installationId],
  );
  return rows;
}

/** Puts failed work back, due at `now`, for one more try; its attempts are kept. False when it is not failed. */
export async function requeueFailedWork(tx: Queryable, installationId: number, kind: string, key: string, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE work SET state = 'pending', run_at = $4, failed_at = NULL, locked_until = NULL
     WHERE installation_id = $1 AND kind = $2 AND key = $3 AND state = 'failed'`,
    [installationId, kind, key, now],
  );
  return rowCount > 0;
}

/** The state of one piece of work (`pending` or `failed`), null when there is none (done, or never queued). */
export async function workState(db: Queryable, installationId: number, kind: string, key: string): Promise<string | null> {
  const { rows } = await db.query<{ state: string }>("SELECT state FROM work WHERE installation_id = $1 AND kind = $2 AND key = $3", [
    installationId,
    kind,
    key,
  ]);
  return rows[0]?.state ?? null;
}

/**
 * Queued work by kind and state, and how much of it is due now: app-wide, for /metrics. Work that
 * waits on a suspended installation or a removed repository is counted, but not as due (no one may work it).
 */
export type WorkQueueCounts = { kind: string; state: string; count: number; due: number; oldestDueSeconds: number | null };

export async function workQueueCounts(db: Queryable): Promise<WorkQueueCounts[]> {
  const { rows } = await db.query<WorkQueueCounts>(
    `WITH queued AS (
       SELECT w.kind, w.state, w.run_at,
         w.state = 'pending' AND w.run_at <= now() AND i.suspended_at IS NULL AND r.removed_at IS NULL AS due
       FROM work w
       JOIN installations i ON i.id = w.installation_id
       LEFT JOIN repositories r ON r.installation_id = w.installation_id AND r.id = w.repository_id)
     SELECT kind, state, count(*)::int AS count, count(*) FILTER (WHERE due)::int AS due,
       extract(epoch FROM now() - min(run_at) FILTER (WHERE due))::float8 AS "oldestDueSeconds"
     FROM queued GROUP BY kind, state ORDER BY kind, state`,
  );
  return rows;
}

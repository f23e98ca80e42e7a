import type { Queryable } from "../db/types.js";

/** A configuration check claimed for one attempt; `latest`: no newer push to the default branch is stored. */
export type ClaimedConfigCheck = {
  id: number;
  installationId: number;
  repositoryId: number;
  fullName: string;
  headSha: string;
  onDefaultBranch: boolean;
  attempts: number;
  latest: boolean;
};

// How long a claim holds before another instance may take the check over (a crashed worker).
const LEASE = "interval '2 minutes'";

const claimedColumns = `c.id, c.installation_id AS "installationId", c.repository_id AS "repositoryId", r.full_name AS "fullName",
  c.head_sha AS "headSha", c.on_default_branch AS "onDefaultBranch", c.attempts,
  NOT EXISTS (SELECT 1 FROM config_checks n WHERE n.installation_id = c.installation_id AND n.repository_id = c.repository_id
    AND n.on_default_branch AND n.id > c.id) AS latest`;

/** Stores the check a push asks for, once per commit; null when that commit was checked already. */
export async function enqueueConfigCheck(
  tx: Queryable,
  check: { installationId: number; repositoryId: number; headSha: string; onDefaultBranch: boolean; at: Date },
): Promise<number | null> {
  const result = await tx.query<{ id: number }>(
    `INSERT INTO config_checks (installation_id, repository_id, head_sha, on_default_branch, status, next_attempt_at)
     VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT DO NOTHING RETURNING id`,
    [check.installationId, check.repositoryId, check.headSha, check.onDefaultBranch, check.at],
  );
  return result.rows[0]?.id ?? null;
}

/** Claims one check for immediate work (right after the push), unless another worker holds it. */
export async function claimConfigCheck(db: Queryable, installationId: number, id: number): Promise<ClaimedConfigCheck | null> {
  const result = await db.query<ClaimedConfigCheck>(
    `WITH claimed AS (
       UPDATE config_checks SET attempts = attempts + 1, lease_until = now() + ${LEASE}
       WHERE installation_id = $1 AND id = $2 AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
       RETURNING *)
     SELECT ${claimedColumns} FROM claimed c
     JOIN repositories r ON r.installation_id = c.installation_id AND r.id = c.repository_id`,
    [installationId, id],
  );
  return result.rows[0] ?? null;
}

/** Claims the checks due at `now` that no other worker holds, leaving out suspended installations. */
export async function claimDueConfigChecks(db: Queryable, now: Date, limit: number): Promise<ClaimedConfigCheck[]> {
  const result = await db.query<ClaimedConfigCheck>(
    `WITH due AS (
       SELECT c.id FROM config_checks c
       JOIN installations i ON i.id = c.installation_id AND i.suspended_at IS NULL
       JOIN repositories r ON r.installation_id = c.installation_id AND r.id = c.repository_id AND r.removed_at IS NULL
       WHERE c.status = 'pending' AND c.next_attempt_at <= $1 AND (c.lease_until IS NULL OR c.lease_until < now())
       ORDER BY c.next_attempt_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED),
     claimed AS (
       UPDATE config_checks c SET attempts = c.attempts + 1, lease_until = now() + ${LEASE}
       FROM due WHERE c.id = due.id RETURNING c.*)
     SELECT ${claimedColumns} FROM claimed c
     JOIN repositories r ON r.installation_id = c.installation_id AND r.id = c.repository_id`,
    [now, limit],
  );
  return result.rows;
}

type CheckRef = Pick<ClaimedConfigCheck, "id" | "installationId">;

export async function markConfigCheckPosted(db: Queryable, check: CheckRef, checkRunId: number): Promise<void> {
  await db.query(
    `UPDATE config_checks SET status = 'posted', check_run_id = $3, lease_until = NULL, last_error = NULL
     WHERE installation_id = $1 AND id = $2`,
    [check.installationId, check.id, checkRunId],
  );
}

/** Tries again at `retryAt`; `counted: false` (the write budget was spent) gives the attempt back. */
export async function releaseConfigCheck(db: Queryable, check: CheckRef, retry: { at: Date; error: string | null; counted: boolean }): Promise<void> {
  await db.query(
    `UPDATE config_checks SET lease_until = NULL, next_attempt_at = $3, last_error = coalesce($4, last_error),
       attempts = CASE WHEN $5 THEN attempts ELSE greatest(attempts - 1, 0) END
     WHERE installation_id = $1 AND id = $2`,
    [check.installationId, check.id, retry.at, retry.error?.slice(0, 500) ?? null, retry.counted],
  );
}

/** Gives up on a check; it stays visible with its last error. */
export async function markConfigCheckFailed(db: Queryable, check: CheckRef, error: string): Promise<void> {
  await db.query("UPDATE config_checks SET status = 'failed', lease_until = NULL, last_error = $3 WHERE installation_id = $1 AND id = $2", [
    check.installationId,
    check.id,
    error.slice(0, 500),
  ]);
}

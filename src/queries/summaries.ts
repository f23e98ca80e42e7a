import type { Queryable } from "../db/types.js";

export type SummaryKey = {
  installationId: number;
  scope: "repository" | "organization";
  targetRepositoryId: number;
  periodKey: string;
  output: "issue" | "check_run";
};

export type ClaimedSummary = SummaryKey & { id: number; attempts: number };

const LEASE = "interval '2 minutes'";

/** Whether this summary is waiting to be posted now: not done, and not waiting out a failed try. */
export async function isSummaryDue(db: Queryable, key: SummaryKey, now: Date): Promise<boolean> {
  const result = await db.query(
    `SELECT 1 FROM summaries WHERE installation_id = $1 AND scope = $2 AND target_repository_id = $3
       AND period_key = $4 AND output = $5
       AND (status <> 'pending' OR next_attempt_at > $6 OR lease_until > now())`,
    [key.installationId, key.scope, key.targetRepositoryId, key.periodKey, key.output, now],
  );
  return result.rowCount === 0;
}

/**
 * Claims the right to post one summary. The unique key makes the row once across all instances; the
 * lease lets one worker at a time try, and a failed try waits for `next_attempt_at`.
 */
export async function claimSummary(db: Queryable, key: SummaryKey, now: Date): Promise<ClaimedSummary | null> {
  const params = [key.installationId, key.scope, key.targetRepositoryId, key.periodKey, key.output, now];
  await db.query(
    `INSERT INTO summaries (installation_id, scope, target_repository_id, period_key, output, status, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT DO NOTHING`,
    params,
  );
  const claimed = await db.query<{ id: number; attempts: number }>(
    `UPDATE summaries SET attempts = attempts + 1, lease_until = now() + ${LEASE}
     WHERE installation_id = $1 AND scope = $2 AND target_repository_id = $3 AND period_key = $4 AND output = $5
       AND status = 'pending' AND next_attempt_at <= $6 AND (lease_until IS NULL OR lease_until < now())
     RETURNING id, attempts`,
    params,
  );
  const row = claimed.rows[0];
  return row ? { ...key, ...row } : null;
}

/** A summary as its claim names it: every update is scoped by its installation too. */
type SummaryRef = Pick<ClaimedSummary, "id" | "installationId">;

export async function markSummaryDone(db: Queryable, claim: SummaryRef, done: { status: "posted" | "dry_run"; githubNumber: number | null; at: Date }): Promise<void> {
  await db.query(
    `UPDATE summaries SET status = $2, github_number = $3, posted_at = $4, lease_until = NULL, last_error = NULL
     WHERE id = $1 AND installation_id = $5`,
    [claim.id, done.status, done.githubNumber, done.at, claim.installationId],
  );
}

/** The write budget of the minute is spent: try again at `retryAt`, without counting an attempt. */
export async function deferSummary(db: Queryable, claim: SummaryRef, retryAt: Date): Promise<void> {
  await db.query(
    "UPDATE summaries SET lease_until = NULL, next_attempt_at = $2, attempts = greatest(attempts - 1, 0) WHERE id = $1 AND installation_id = $3",
    [claim.id, retryAt, claim.installationId],
  );
}

/** Gives up on a summary that failed at every retry; it stays visible with its last error. */
export async function markSummaryFailed(db: Queryable, claim: SummaryRef, error: string): Promise<void> {
  await db.query("UPDATE summaries SET status = 'failed', lease_until = NULL, last_error = $2 WHERE id = $1 AND installation_id = $3", [
    claim.id,
    error.slice(0, 500),
    claim.installationId,
  ]);
}

export async function releaseSummaryAfterFailure(db: Queryable, claim: SummaryRef, error: string, retryAt: Date): Promise<void> {
  await db.query("UPDATE summaries SET lease_until = NULL, last_error = $2, next_attempt_at = $3 WHERE id = $1 AND installation_id = $4", [
    claim.id,
    error.slice(0, 500),
    retryAt,
    claim.installationId,
  ]);
}

/** The issue number of the summary issue of the latest earlier period, to close it (never a newer one). */
export async function previousSummaryIssue(db: Queryable, key: SummaryKey): Promise<number | null> {
  const result = await db.query<{ number: number }>(
    `SELECT github_number AS number FROM summaries
     WHERE installation_id = $1 AND scope = $2 AND target_repository_id = $3 AND output = 'issue' AND status = 'posted'
       AND period_key < $4 AND github_number IS NOT NULL
     ORDER BY period_key DESC LIMIT 1`,
    [key.installationId, key.scope, key.targetRepositoryId, key.periodKey],
  );
  return result.rows[0]?.number ?? null;
}

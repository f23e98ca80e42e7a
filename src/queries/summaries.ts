import type { Queryable } from "../db/types.js";

export type SummaryKey = {
  installationId: number;
  scope: "repository" | "organization";
  targetRepositoryId: number;
  periodKey: string;
  output: "issue" | "check_run";
};

/** A stored summary: its key, id and status (`pending` until posted, or `failed`). */
export type StoredSummary = SummaryKey & { id: number; status: string };

/** The work kind that posts a summary. */
export const POST_SUMMARY = "summary.post";

const storedColumns = `id, installation_id AS "installationId", scope, target_repository_id AS "targetRepositoryId",
  period_key AS "periodKey", output, status`;

const keyMatches = "installation_id = $1 AND scope = $2 AND target_repository_id = $3 AND period_key = $4 AND output = $5";

/** Whether this summary was planned already (posted, pending or failed): then the planner leaves it. */
export async function isSummaryPlanned(db: Queryable, key: SummaryKey): Promise<boolean> {
  const result = await db.query(`SELECT 1 FROM summaries WHERE ${keyMatches}`, [
    key.installationId,
    key.scope,
    key.targetRepositoryId,
    key.periodKey,
    key.output,
  ]);
  return result.rowCount > 0;
}

/**
 * Plans one summary: its row, unique per key across all instances, and the work of posting it, due
 * at `runAt`, in one statement. Returns the stored summary, planned now or before.
 */
export async function planSummary(db: Queryable, key: SummaryKey, runAt: Date): Promise<StoredSummary> {
  const params = [key.installationId, key.scope, key.targetRepositoryId, key.periodKey, key.output];
  await db.query(
    `WITH planned AS (
       INSERT INTO summaries (installation_id, scope, target_repository_id, period_key, output, status)
       VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING
       RETURNING id, installation_id, target_repository_id)
     INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
     SELECT installation_id, target_repository_id, $7, id::text,
       jsonb_build_object('scope', $2::text, 'period', $4::text, 'output', $5::text), 'pending', $6 FROM planned`,
    [...params, runAt, POST_SUMMARY],
  );
  const { rows } = await db.query<StoredSummary>(`SELECT ${storedColumns} FROM summaries WHERE ${keyMatches}`, params);
  const stored = rows[0];
  if (!stored) throw new Error(`summary ${key.periodKey} vanished while planning it`);
  return stored;
}

/** The summary a piece of work posts; null when it is gone. */
export async function summaryForWork(db: Queryable, installationId: number, id: number): Promise<StoredSummary | null> {
  const { rows } = await db.query<StoredSummary>(`SELECT ${storedColumns} FROM summaries WHERE installation_id = $1 AND id = $2`, [
    installationId,
    id,
  ]);
  return rows[0] ?? null;
}

type SummaryRef = Pick<StoredSummary, "id" | "installationId">;

export async function markSummaryDone(
  db: Queryable,
  summary: SummaryRef,
  done: { status: "posted" | "dry_run"; githubNumber: number | null; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE summaries SET status = $2, github_number = $3, posted_at = $4
     WHERE id = $1 AND installation_id = $5`,
    [summary.id, done.status, done.githubNumber, done.at, summary.installationId],
  );
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

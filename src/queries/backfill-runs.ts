import type { Queryable } from "../db/types.js";

export type BackfillPhase = "issues" | "comments" | "older_comments";

/** Where a run stands: the listing it reads, the `since` it asks it from, the page, and (older_comments) the issue. */
export type BackfillCursor = { phase: BackfillPhase; cursorSince: Date; page: number; issueNumber: number | null };

export type BackfillRun = BackfillCursor & {
  id: number;
  installationId: number;
  repositoryId: number;
  fullName: string;
  since: Date;
  countsBefore: Date;
};

export type NewBackfillRun = { installationId: number; repositoryId: number; since: Date; countsBefore: Date; queuedAt: Date };

/**
 * Queues a run for the repository, unless one is pending already (that one is kept, with its own
 * `since`). Comments are counted only before the earliest `counts_before` of the repository's runs:
 * from then on the webhooks counted them. Returns the pending run and whether it was queued now.
 */
export async function queueBackfillRun(tx: Queryable, run: NewBackfillRun): Promise<{ id: number; since: Date; queued: boolean }> {
  const inserted = await tx.query<{ id: number; since: Date }>(
    `WITH earlier AS (SELECT min(counts_before) AS at FROM backfill_runs WHERE installation_id = $1 AND repository_id = $2)
     INSERT INTO backfill_runs (installation_id, repository_id, since, counts_before, queued_at, cursor_since)
     SELECT $1, $2, $3, LEAST($4::timestamptz, earlier.at), $5, $3 FROM earlier
     ON CONFLICT (installation_id, repository_id) WHERE status = 'pending' DO NOTHING
     RETURNING id, since`,
    [run.installationId, run.repositoryId, run.since, run.countsBefore, run.queuedAt],
  );
  const [queued] = inserted.rows;
  if (queued) return { ...queued, queued: true };
  const pending = await tx.query<{ id: number; since: Date }>(
    "SELECT id, since FROM backfill_runs WHERE installation_id = $1 AND repository_id = $2 AND status = 'pending'",
    [run.installationId, run.repositoryId],
  );
  const [existing] = pending.rows;
  if (!existing) throw new Error(`backfill run of repository ${run.repositoryId} neither queued nor pending`);
  return { ...existing, queued: false };
}

/** The installation's next run to work on: the oldest pending one of a repository still in the installation. */
export async function nextPendingRun(db: Queryable, installationId: number): Promise<BackfillRun | null> {
  const { rows } = await db.query<BackfillRun>(
    `SELECT b.id, b.installation_id AS "installationId", b.repository_id AS "repositoryId", r.full_name AS "fullName",
       b.since, b.counts_before AS "countsBefore", b.phase, b.cursor_since AS "cursorSince", b.page, b.issue_number AS "issueNumber"
     FROM backfill_runs b JOIN repositories r ON r.installation_id = b.installation_id AND r.id = b.repository_id
     WHERE b.installation_id = $1 AND b.status = 'pending' AND r.removed_at IS NULL
     ORDER BY b.id LIMIT 1`,
    [installationId],
  );
  return rows[0] ?? null;
}

/**
 * Locks the run for this page if its cursor is still where the page was read from. False when
 * another worker moved it meanwhile (its lease ran out while this one was slow): the page is theirs.
 */
export async function lockCursor(tx: Queryable, run: BackfillRun): Promise<boolean> {
  const { rowCount } = await tx.query(
    `SELECT 1 FROM backfill_runs
     WHERE id = $1 AND installation_id = $2 AND status = 'pending'
       AND phase = $3 AND cursor_since = $4 AND page = $5 AND issue_number IS NOT DISTINCT FROM $6::integer
     FOR UPDATE`,
    [run.id, run.installationId, run.phase, run.cursorSince, run.page, run.issueNumber],
  );
  return rowCount > 0;
}

/** Moves a locked run's cursor past the page just stored, adding what it imported. */
export async function moveCursor(
  tx: Queryable,
  run: Pick<BackfillRun, "id" | "installationId">,
  to: BackfillCursor,
  added: { issues: number; comments: number },
): Promise<void> {
  await tx.query(
    `UPDATE backfill_runs SET phase = $3, cursor_since = $4, page = $5, issue_number = $6, issues = issues + $7, comments = comments + $8
     WHERE id = $1 AND installation_id = $2`,
    [run.id, run.installationId, to.phase, to.cursorSince, to.page, to.issueNumber, added.issues, added.comments],
  );
}

/** Ends a run (`done`, or `unreadable` when GitHub refuses the repository) and forgets what it had seen. */
export async function finishRun(
  tx: Queryable,
  run: Pick<BackfillRun, "id" | "installationId">,
  status: "done" | "unreadable",
  at: Date,
): Promise<void> {
  await tx.query("UPDATE backfill_runs SET status = $3, finished_at = $4 WHERE id = $1 AND installation_id = $2 AND status = 'pending'", [
    run.id,
    run.installationId,
    status,
    at,
  ]);
  await tx.query("DELETE FROM backfill_seen WHERE run_id = $1 AND installation_id = $2", [run.id, run.installationId]);
}

import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";

type RunRef = { id: number; installationId: number; repositoryId: number };

/** Records ids as seen by the run; returns those it had not seen before (the ones to apply). */
export async function markSeen(tx: Queryable, run: RunRef, kind: "comment" | "older_issue", ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO backfill_seen (run_id, installation_id, kind, id) SELECT $1, $2, $3, unnest($4::bigint[])
     ON CONFLICT DO NOTHING RETURNING id`,
    [run.id, run.installationId, kind, ids],
  );
  return new Set(rows.map((row) => row.id));
}

/** The next issue opened before the run's `since` whose whole conversation the run has to read, after `after`. */
export async function nextOlderIssue(tx: Queryable, run: RunRef, after: number | null): Promise<number | null> {
  const { rows } = await tx.query<{ number: number | null }>(
    `SELECT min(id)::integer AS number FROM backfill_seen
     WHERE run_id = $1 AND installation_id = $2 AND kind = 'older_issue' AND id > coalesce($3::bigint, 0)`,
    [run.id, run.installationId, after],
  );
  return rows[0]?.number ?? null;
}

/**
 * Makes the run the one that imports this issue's history, unless another run (or this one) already
 * is. Returns `imported` the first time, `this_run` when the run had it already, `other` otherwise.
 */
export async function takeIssueForRun(tx: Queryable, key: IssueKey, runId: number): Promise<"imported" | "this_run" | "other"> {
  const { rows } = await tx.query<{ owner: number | null; taken: boolean }>(
    `WITH taken AS (
       UPDATE issues SET backfill_run_id = $4
       WHERE installation_id = $1 AND repository_id = $2 AND number = $3 AND backfill_run_id IS NULL RETURNING 1)
     SELECT (SELECT backfill_run_id FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3) AS owner,
       EXISTS (SELECT 1 FROM taken) AS taken`,
    [key.installationId, key.repositoryId, key.number, runId],
  );
  const row = rows[0];
  if (row?.taken) return "imported";
  return row?.owner === runId ? "this_run" : "other";
}

/** The reporters of the issues (among `numbers`) whose history the run imports: only their comments are applied. */
export async function runIssueReporters(tx: Queryable, run: RunRef, numbers: readonly number[]): Promise<Map<number, number>> {
  const { rows } = await tx.query<{ number: number; reporterId: number }>(
    `SELECT number, reporter_id AS "reporterId" FROM issues
     WHERE installation_id = $1 AND repository_id = $2 AND backfill_run_id = $3 AND number = ANY($4::integer[])`,
    [run.installationId, run.repositoryId, run.id, numbers],
  );
  return new Map(rows.map((row) => [row.number, row.reporterId]));
}

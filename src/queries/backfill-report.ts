import type { Queryable } from "../db/types.js";

/** What a backfill run imported, and where its installation's work stands (for the command line). */
export type BackfillReport = {
  status: "pending" | "done" | "unreadable";
  since: Date;
  /** Issues whose history this run imported (not those an earlier run or the webhooks had). */
  issues: number;
  comments: number;
  /** Of those issues, how many have a first response by a maintainer, and by anyone. */
  firstResponses: number;
  firstAnyResponses: number;
  /** The installation's backfill work: when it runs next and its last error; null once done. */
  work: { runAt: Date; state: string; lastError: string | null } | null;
};

export async function backfillReport(
  db: Queryable,
  installationId: number,
  runId: number,
  workKind: string,
): Promise<BackfillReport | null> {
  const { rows } = await db.query<Omit<BackfillReport, "work"> & { runAt: Date | null; state: string | null; lastError: string | null }>(
    `SELECT b.status, b.since, b.issues, b.comments,
       (SELECT count(*)::int FROM issues i WHERE i.installation_id = b.installation_id AND i.backfill_run_id = b.id
          AND i.first_response_at IS NOT NULL) AS "firstResponses",
       (SELECT count(*)::int FROM issues i WHERE i.installation_id = b.installation_id AND i.backfill_run_id = b.id
          AND i.first_any_response_at IS NOT NULL) AS "firstAnyResponses",
       w.run_at AS "runAt", w.state, w.last_error AS "lastError"
     FROM backfill_runs b
     LEFT JOIN work w ON w.installation_id = b.installation_id AND w.kind = $3 AND w.key = b.installation_id::text
     WHERE b.installation_id = $1 AND b.id = $2`,
    [installationId, runId, workKind],
  );
  const row = rows[0];
  if (!row) return null;
  const { runAt, state, lastError, ...report } = row;
  return { ...report, work: runAt && state ? { runAt, state, lastError } : null };
}

/** When the app first stored the installation: webhooks counted its comments from then on, not before. */
export async function installationFirstSeen(db: Queryable, installationId: number): Promise<Date | null> {
  const { rows } = await db.query<{ createdAt: Date }>('SELECT created_at AS "createdAt" FROM installations WHERE id = $1', [
    installationId,
  ]);
  return rows[0]?.createdAt ?? null;
}

import type { Queryable } from "../db/types.js";

/** What an operator's retry found: put back, or why not (the row is not failed, or not there). */
export type RetryOutcome = { retried: true } | { retried: false; status: string | null };

/** The tables whose rows failed work is about. */
export type WorkSubjectTable = "surveys" | "summaries" | "config_checks";

/** The status of the row failed work is about; null when there is no such row in the installation. */
export async function subjectStatus(db: Queryable, table: WorkSubjectTable, installationId: number, id: number): Promise<string | null> {
  const { rows } = await db.query<{ status: string }>(`SELECT status FROM ${table} WHERE installation_id = $1 AND id = $2`, [
    installationId,
    id,
  ]);
  return rows[0]?.status ?? null;
}

/**
 * A failed survey back to `to_ask` with its pending experience again, while the issue is still
 * closed by the close it asks about. Null when done, else why not.
 */
export async function retrySurvey(tx: Queryable, installationId: number, id: number): Promise<string | null> {
  const { rowCount } = await tx.query(
    `WITH retried AS (
       UPDATE surveys s SET status = 'to_ask', ended_at = NULL
       FROM issues i
       WHERE s.installation_id = $1 AND s.id = $2 AND s.status = 'failed'
         AND i.installation_id = s.installation_id AND i.repository_id = s.repository_id AND i.number = s.issue_number
         AND i.state = 'closed' AND i.closed_at = s.closed_at
       RETURNING s.*, i.channel)
     INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, channel)
     SELECT installation_id, repository_id, issue_number, id, reporter_id, closed_at, 'pending', channel FROM retried`,
    [installationId, id],
  );
  return rowCount > 0 ? null : "failed, and its issue was reopened since";
}

/**
 * Moves a summary's or configuration check's status along with its work: `failed` when the work
 * failed for good, back to `pending` when an operator puts it back. Only from the expected status.
 */
export async function moveSubjectStatus(
  tx: Queryable,
  table: "summaries" | "config_checks" | "chat_messages",
  subject: { installationId: number; id: number },
  move: { from: "pending" | "failed"; to: "pending" | "failed" },
): Promise<void> {
  await tx.query(`UPDATE ${table} SET status = $4 WHERE installation_id = $1 AND id = $2 AND status = $3`, [
    subject.installationId,
    subject.id,
    move.from,
    move.to,
  ]);
}

/** Forgets a given-up delivery, so that the recovery job asks GitHub to redeliver it again. */
export async function retryDelivery(db: Queryable, guid: string): Promise<RetryOutcome> {
  const { rowCount } = await db.query("DELETE FROM delivery_redeliveries WHERE guid = $1 AND given_up_at IS NOT NULL", [guid]);
  if (rowCount > 0) return { retried: true };
  const { rows } = await db.query<{ status: string }>(
    "SELECT 'still being redelivered' AS status FROM delivery_redeliveries WHERE guid = $1",
    [guid],
  );
  return { retried: false, status: rows[0]?.status ?? null };
}

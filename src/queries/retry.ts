import type { Queryable } from "../db/types.js";

/** What an operator's retry found: put back, or why not (the row is not failed, or not there). */
export type RetryOutcome = { retried: true } | { retried: false; status: string | null };

async function outcome(db: Queryable, retried: number, current: string, params: unknown[]): Promise<RetryOutcome> {
  if (retried > 0) return { retried: true };
  const { rows } = await db.query<{ status: string }>(current, params);
  return { retried: false, status: rows[0]?.status ?? null };
}

/**
 * A failed survey back to `to_ask`, due at `now`, with its pending experience again, while the issue
 * is still closed by the close it asks about. Its attempts are kept: one more try, then failed again.
 */
export async function retrySurvey(db: Queryable, installationId: number, id: number, now: Date): Promise<RetryOutcome> {
  const { rowCount } = await db.query(
    `WITH retried AS (
       UPDATE surveys s SET status = 'to_ask', ended_at = NULL, next_poll_at = $3, lease_until = NULL
       FROM issues i
       WHERE s.installation_id = $1 AND s.id = $2 AND s.status = 'failed'
         AND i.installation_id = s.installation_id AND i.repository_id = s.repository_id AND i.number = s.issue_number
         AND i.state = 'closed' AND i.closed_at = s.closed_at
       RETURNING s.*)
     INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome)
     SELECT installation_id, repository_id, issue_number, id, reporter_id, closed_at, 'pending' FROM retried`,
    [installationId, id, now],
  );
  const current = `SELECT CASE WHEN s.status = 'failed' THEN 'failed, and its issue was reopened since' ELSE s.status END AS status
    FROM surveys s WHERE s.installation_id = $1 AND s.id = $2`;
  return outcome(db, rowCount, current, [installationId, id]);
}

/** A failed summary back to `pending`, due at `now`; its next try looks for an earlier post first. */
export async function retrySummary(db: Queryable, installationId: number, id: number, now: Date): Promise<RetryOutcome> {
  const { rowCount } = await db.query(
    `UPDATE summaries SET status = 'pending', next_attempt_at = $3, lease_until = NULL
     WHERE installation_id = $1 AND id = $2 AND status = 'failed'`,
    [installationId, id, now],
  );
  return outcome(db, rowCount, "SELECT status FROM summaries WHERE installation_id = $1 AND id = $2", [installationId, id]);
}

/** A failed configuration check back to `pending`, due at `now`. */
export async function retryConfigCheck(db: Queryable, installationId: number, id: number, now: Date): Promise<RetryOutcome> {
  const { rowCount } = await db.query(
    `UPDATE config_checks SET status = 'pending', next_attempt_at = $3, lease_until = NULL
     WHERE installation_id = $1 AND id = $2 AND status = 'failed'`,
    [installationId, id, now],
  );
  return outcome(db, rowCount, "SELECT status FROM config_checks WHERE installation_id = $1 AND id = $2", [installationId, id]);
}

/** Forgets a given-up delivery, so that the recovery job asks GitHub to redeliver it again. */
export async function retryDelivery(db: Queryable, guid: string): Promise<RetryOutcome> {
  const { rowCount } = await db.query("DELETE FROM delivery_redeliveries WHERE guid = $1 AND given_up_at IS NOT NULL", [guid]);
  const current = "SELECT 'still being redelivered' AS status FROM delivery_redeliveries WHERE guid = $1";
  return outcome(db, rowCount, current, [guid]);
}

import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";

export type SurveyStatus = "to_ask" | "asked" | "answered" | "expired" | "cancelled" | "comment_deleted" | "failed";
export type Outcome = "positive" | "negative" | "neutral";

/** A survey claimed for work, with what the GitHub calls need. */
export type ClaimedSurvey = {
  id: number;
  installationId: number;
  repositoryFullName: string;
  issueNumber: number;
  reporterId: number;
  reporterLogin: string;
  status: "to_ask" | "asked";
  commentId: number | null;
  askAttempts: number;
  askedAt: Date | null;
  windowEndsAt: Date | null;
  reactionsEtag: string | null;
  windowDays: number;
  /** The repository's own survey text, or null for the built-in one. */
  message: string | null;
};

const claimedColumns = `s.id, s.installation_id AS "installationId", r.full_name AS "repositoryFullName",
  s.issue_number AS "issueNumber", s.reporter_id AS "reporterId", s.reporter_login AS "reporterLogin", s.status,
  s.comment_id AS "commentId", s.ask_attempts AS "askAttempts", s.asked_at AS "askedAt",
  s.window_ends_at AS "windowEndsAt", s.reactions_etag AS "reactionsEtag", s.window_days AS "windowDays", s.message`;

// How long a claim holds before another instance may take the survey over (a crashed worker).
const LEASE = "interval '2 minutes'";

/**
 * Opens a survey and its pending experience for one close of an issue. A redelivered or repeated
 * close (same issue, same closed_at) finds the survey already there and returns null.
 */
export async function openSurvey(
  tx: Queryable,
  key: IssueKey,
  close: { closedAt: Date; reporterId: number; reporterLogin: string; windowDays: number; message?: string | null },
): Promise<number | null> {
  const created = await tx.query<{ id: number }>(
    `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status,
       next_poll_at, window_days, message)
     VALUES ($1, $2, $3, $4, $5, $6, 'to_ask', $4, $7, $8)
     ON CONFLICT (installation_id, repository_id, issue_number, closed_at) DO NOTHING
     RETURNING id`,
    [
      key.installationId,
      key.repositoryId,
      key.number,
      close.closedAt,
      close.reporterId,
      close.reporterLogin,
      close.windowDays,
      close.message ?? null,
    ],
  );
  const id = created.rows[0]?.id;
  if (id === undefined) return null;
  await tx.query(
    `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending')`,
    [key.installationId, key.repositoryId, key.number, id, close.reporterId, close.closedAt],
  );
  return id;
}

/** True when the issue already has a survey that is answered, in flight, or asked about a later close. */
export async function hasSurveyBlockingAsk(tx: Queryable, key: IssueKey, closedAt: Date): Promise<boolean> {
  const result = await tx.query(
    `SELECT 1 FROM surveys WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3
       AND (status IN ('to_ask', 'asked', 'answered') OR closed_at >= $4) LIMIT 1`,
    [key.installationId, key.repositoryId, key.number, closedAt],
  );
  return result.rowCount > 0;
}

/** Cancels the unanswered surveys of closes before a reopen at `reopenedAt`, and their pending experiences. */
export async function cancelOpenSurveys(tx: Queryable, key: IssueKey, reopenedAt: Date): Promise<number> {
  const cancelled = await tx.query<{ id: number }>(
    `UPDATE surveys SET status = 'cancelled', ended_at = $4, next_poll_at = NULL, lease_until = NULL
     WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3 AND status IN ('to_ask', 'asked')
       AND closed_at < $4
     RETURNING id`,
    [key.installationId, key.repositoryId, key.number, reopenedAt],
  );
  const ids = cancelled.rows.map((row) => row.id);
  if (ids.length > 0) await tx.query("DELETE FROM experiences WHERE survey_id = ANY($1::bigint[])", [ids]);
  return ids.length;
}

/**
 * Claims the surveys due at `now` that no other worker holds (FOR UPDATE SKIP LOCKED, then a lease),
 * leaving out suspended installations and removed repositories.
 */
export async function claimDueSurveys(db: Queryable, now: Date, limit: number): Promise<ClaimedSurvey[]> {
  const result = await db.query<ClaimedSurvey>(
    `WITH due AS (
       SELECT s.id FROM surveys s
       JOIN installations i ON i.id = s.installation_id AND i.suspended_at IS NULL
       JOIN repositories r ON r.installation_id = s.installation_id AND r.id = s.repository_id AND r.removed_at IS NULL
       WHERE s.status IN ('to_ask', 'asked') AND s.next_poll_at <= $1 AND (s.lease_until IS NULL OR s.lease_until < now())
       ORDER BY s.next_poll_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED),
     claimed AS (
       UPDATE surveys s SET lease_until = now() + ${LEASE},
         ask_attempts = s.ask_attempts + (CASE WHEN s.status = 'to_ask' THEN 1 ELSE 0 END)
       FROM due WHERE s.id = due.id RETURNING s.*)
     SELECT ${claimedColumns} FROM claimed s
     JOIN repositories r ON r.installation_id = s.installation_id AND r.id = s.repository_id`,
    [now, limit],
  );
  return result.rows;
}

/** Claims one survey for immediate work (right after a webhook), unless another worker holds it. */
export async function claimSurvey(db: Queryable, installationId: number, id: number): Promise<ClaimedSurvey | null> {
  const result = await db.query<ClaimedSurvey>(
    `WITH claimed AS (
       UPDATE surveys s SET lease_until = now() + ${LEASE},
         ask_attempts = s.ask_attempts + (CASE WHEN s.status = 'to_ask' THEN 1 ELSE 0 END)
       WHERE s.installation_id = $1 AND s.id = $2 AND s.status IN ('to_ask', 'asked')
         AND (s.lease_until IS NULL OR s.lease_until < now())
       RETURNING s.*)
     SELECT ${claimedColumns} FROM claimed s
     JOIN repositories r ON r.installation_id = s.installation_id AND r.id = s.repository_id`,
    [installationId, id],
  );
  return result.rows[0] ?? null;
}

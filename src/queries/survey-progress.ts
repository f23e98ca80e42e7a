import type { Queryable, Db } from "../db/types.js";
import type { IssueKey } from "./issues.js";
import type { Outcome } from "./surveys.js";

/** A survey as its claim names it: every update is scoped by its installation too. */
export type SurveyRef = { installationId: number; id: number };

export async function markAsked(
  db: Queryable,
  survey: SurveyRef,
  asked: { commentId: number; askedAt: Date; windowEndsAt: Date; nextPollAt: Date },
): Promise<void> {
  await db.query(
    `UPDATE surveys SET status = 'asked', comment_id = $2, asked_at = $3, window_ends_at = $4, next_poll_at = $5,
       lease_until = NULL, last_error = NULL
     WHERE id = $1 AND installation_id = $6 AND status = 'to_ask'`,
    [survey.id, asked.commentId, asked.askedAt, asked.windowEndsAt, asked.nextPollAt, survey.installationId],
  );
}

/** Releases a claim after a failed attempt; the survey is tried again at `retryAt`. */
export async function releaseAfterFailure(db: Queryable, survey: SurveyRef, error: string, retryAt: Date): Promise<void> {
  await db.query(
    `UPDATE surveys SET lease_until = NULL, last_error = $2, next_poll_at = $3
     WHERE id = $1 AND installation_id = $4 AND status IN ('to_ask', 'asked')`,
    [survey.id, error.slice(0, 500), retryAt, survey.installationId],
  );
}

/** The write budget of the minute is spent: try again at `retryAt`, without counting an attempt. */
export async function deferAsk(db: Queryable, survey: SurveyRef, retryAt: Date): Promise<void> {
  await db.query(
    `UPDATE surveys SET lease_until = NULL, next_poll_at = $2, ask_attempts = greatest(ask_attempts - 1, 0)
     WHERE id = $1 AND installation_id = $3 AND status = 'to_ask'`,
    [survey.id, retryAt, survey.installationId],
  );
}

/** A read found no answer yet: remember the ETag and wait for the next read. */
export async function schedulePoll(db: Queryable, survey: SurveyRef, nextPollAt: Date, etag: string | null): Promise<void> {
  await db.query(
    `UPDATE surveys SET next_poll_at = $2, reactions_etag = COALESCE($3, reactions_etag), poll_count = poll_count + 1,
       lease_until = NULL, last_error = NULL
     WHERE id = $1 AND installation_id = $4 AND status = 'asked'`,
    [survey.id, nextPollAt, etag, survey.installationId],
  );
}

/** Ends a survey and settles its experience, once: a survey already ended is left as it is. */
export async function finishSurvey(
  db: Db,
  survey: SurveyRef,
  end: { status: "answered" | "expired" | "comment_deleted"; outcome: Outcome; at: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ended = await tx.query(
      `UPDATE surveys SET status = $2, ended_at = $3, next_poll_at = NULL, lease_until = NULL, poll_count = poll_count + 1,
         last_error = NULL
       WHERE id = $1 AND installation_id = $4 AND status IN ('to_ask', 'asked') RETURNING id`,
      [survey.id, end.status, end.at, survey.installationId],
    );
    if (ended.rowCount === 0) return false;
    await tx.query("UPDATE experiences SET outcome = $2, answered_at = $3 WHERE survey_id = $1 AND installation_id = $4", [
      survey.id,
      end.outcome,
      end.status === "answered" ? end.at : null,
      survey.installationId,
    ]);
    return true;
  });
}

/** The survey comment was deleted: its survey ends unanswered, a neutral experience. */
export async function endSurveyOfDeletedComment(tx: Queryable, installationId: number, commentId: number, at: Date): Promise<boolean> {
  const ended = await tx.query<{ id: number }>(
    `UPDATE surveys SET status = 'comment_deleted', ended_at = $3, next_poll_at = NULL, lease_until = NULL
     WHERE installation_id = $1 AND comment_id = $2 AND status = 'asked' RETURNING id`,
    [installationId, commentId, at],
  );
  const id = ended.rows[0]?.id;
  if (id === undefined) return false;
  await tx.query("UPDATE experiences SET outcome = 'neutral' WHERE survey_id = $1 AND installation_id = $2", [id, installationId]);
  return true;
}

/** A new comment on the issue: its asked survey is read again now. Returns that survey's id. */
export async function pollSoon(tx: Queryable, key: IssueKey, at: Date): Promise<number | null> {
  const result = await tx.query<{ id: number }>(
    `UPDATE surveys SET next_poll_at = LEAST(next_poll_at, $4)
     WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3 AND status = 'asked' RETURNING id`,
    [key.installationId, key.repositoryId, key.number, at],
  );
  return result.rows[0]?.id ?? null;
}

/**
 * Gives up on asking, with no experience: `cancelled` when GitHub says it cannot be asked (the issue
 * or repository is gone, the issue locked), `failed` when posting kept failing.
 */
export async function abandonSurvey(db: Db, survey: SurveyRef, error: string, at: Date, status: "cancelled" | "failed"): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE surveys SET status = $4, ended_at = $3, next_poll_at = NULL, lease_until = NULL, last_error = $2
       WHERE id = $1 AND installation_id = $5 AND status = 'to_ask'`,
      [survey.id, error.slice(0, 500), at, status, survey.installationId],
    );
    await tx.query("DELETE FROM experiences WHERE survey_id = $1 AND installation_id = $2 AND outcome = 'pending'", [
      survey.id,
      survey.installationId,
    ]);
  });
}

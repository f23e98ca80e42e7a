import type { Queryable, Db } from "../db/types.js";
import { queueFollowUp } from "./follow-ups.js";
import type { IssueKey } from "./issues.js";
import type { Outcome } from "./surveys.js";
import { READ_REACTIONS } from "./surveys.js";

/** A survey as its work names it: every update is scoped by its installation too. */
export type SurveyRef = { installationId: number; id: number };

/** The comment is posted: the survey is asked, and the reading of its reactions queued for `nextPollAt`, in one statement. */
export async function markAsked(
  db: Queryable,
  survey: SurveyRef,
  asked: { commentId: number; commentNodeId?: string | null; askedAt: Date; windowEndsAt: Date; nextPollAt: Date },
): Promise<void> {
  await db.query(
    `WITH asked AS (
       UPDATE surveys SET status = 'asked', comment_id = $2, asked_at = $3, window_ends_at = $4, comment_node_id = $8
       WHERE id = $1 AND installation_id = $6 AND status = 'to_ask'
       RETURNING installation_id, repository_id, id, issue_number)
     INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
     SELECT installation_id, repository_id, $7, id::text, jsonb_build_object('issueNumber', issue_number), 'pending', $5 FROM asked
     ON CONFLICT (installation_id, kind, key) DO NOTHING`,
    [
      survey.id,
      asked.commentId,
      asked.askedAt,
      asked.windowEndsAt,
      asked.nextPollAt,
      survey.installationId,
      READ_REACTIONS,
      asked.commentNodeId ?? null,
    ],
  );
}

/** A read found no answer yet: remember the ETag (the work runs again at its next read). */
export async function recordPoll(db: Queryable, survey: SurveyRef, etag: string | null): Promise<void> {
  await db.query(
    `UPDATE surveys SET reactions_etag = COALESCE($2, reactions_etag), poll_count = poll_count + 1
     WHERE id = $1 AND installation_id = $3 AND status = 'asked'`,
    [survey.id, etag, survey.installationId],
  );
}

/**
 * Ends a survey and settles its experience, once: a survey already ended is left as it is. A negative
 * answer queues its follow-up (`followUpAt`) in the same transaction.
 */
export async function finishSurvey(
  db: Db,
  survey: SurveyRef,
  end: { status: "answered" | "expired" | "comment_deleted"; outcome: Outcome; at: Date; followUpAt?: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ended = await tx.query(
      `UPDATE surveys SET status = $2, ended_at = $3, poll_count = poll_count + 1
       WHERE id = $1 AND installation_id = $4 AND status IN ('to_ask', 'asked') RETURNING id`,
      [survey.id, end.status, end.at, survey.installationId],
    );
    if (ended.rowCount === 0) return false;
    const settled = await tx.query<{ id: number; repositoryId: number; issueNumber: number; channel: string }>(
      `UPDATE experiences SET outcome = $2, answered_at = $3 WHERE survey_id = $1 AND installation_id = $4
       RETURNING id, repository_id AS "repositoryId", issue_number AS "issueNumber", channel`,
      [survey.id, end.outcome, end.status === "answered" ? end.at : null, survey.installationId],
    );
    const experience = settled.rows[0];
    // The follow-up labels and replies through the issue API: a discussion's negative answer gets none.
    if (experience?.channel === "issues" && end.outcome === "negative" && end.followUpAt) {
      const { id, repositoryId, issueNumber } = experience;
      await queueFollowUp(tx, { id, repositoryId, issueNumber, installationId: survey.installationId }, end.followUpAt);
    }
    return true;
  });
}

/**
 * The survey comment was deleted: its survey ends unanswered, a neutral experience. An issue comment
 * is found by its id, a discussion comment by its GraphQL id (the two kinds of ids may meet).
 */
export async function endSurveyOfDeletedComment(
  tx: Queryable,
  installationId: number,
  comment: { id: number; nodeId?: string },
  at: Date,
): Promise<boolean> {
  const ended = await tx.query<{ id: number }>(
    `UPDATE surveys SET status = 'comment_deleted', ended_at = $3
     WHERE installation_id = $1 AND status = 'asked'
       AND CASE WHEN $4::text IS NULL THEN comment_id = $2 AND comment_node_id IS NULL ELSE comment_node_id = $4 END
     RETURNING id`,
    [installationId, comment.id, at, comment.nodeId ?? null],
  );
  const id = ended.rows[0]?.id;
  if (id === undefined) return false;
  await tx.query("UPDATE experiences SET outcome = 'neutral' WHERE survey_id = $1 AND installation_id = $2", [id, installationId]);
  await tx.query("DELETE FROM work WHERE installation_id = $1 AND kind = $2 AND key = $3", [installationId, READ_REACTIONS, String(id)]);
  return true;
}

/** A new comment on the issue: its asked survey's reactions are read now. Returns that survey's id. */
export async function pollSoon(tx: Queryable, key: IssueKey, at: Date): Promise<number | null> {
  const result = await tx.query<{ id: number }>(
    `UPDATE work w SET run_at = LEAST(w.run_at, $4)
     FROM surveys s
     WHERE s.installation_id = $1 AND s.repository_id = $2 AND s.issue_number = $3 AND s.status = 'asked'
       AND w.installation_id = s.installation_id AND w.kind = $5 AND w.key = s.id::text AND w.state = 'pending'
     RETURNING s.id`,
    [key.installationId, key.repositoryId, key.number, at, READ_REACTIONS],
  );
  return result.rows[0]?.id ?? null;
}

/**
 * Gives up on asking, with no experience: `cancelled` when GitHub says it cannot be asked (the issue
 * or repository is gone, the issue locked), `failed` when posting kept failing.
 */
export async function abandonSurvey(tx: Queryable, survey: SurveyRef, at: Date, status: "cancelled" | "failed"): Promise<void> {
  await tx.query("UPDATE surveys SET status = $3, ended_at = $2 WHERE id = $1 AND installation_id = $4 AND status = 'to_ask'", [
    survey.id,
    at,
    status,
    survey.installationId,
  ]);
  await tx.query("DELETE FROM experiences WHERE survey_id = $1 AND installation_id = $2 AND outcome = 'pending'", [
    survey.id,
    survey.installationId,
  ]);
}

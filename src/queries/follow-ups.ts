import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";
import type { Outcome } from "./surveys.js";
import { enqueueWork } from "./work.js";

/** The work kind that labels an issue with a negative answer and replies once, asking what went wrong. */
export const FOLLOW_UP_REPLY = "follow_up.reply";

/** An experience as its follow-up names it: every update is scoped by its installation too. */
export type ExperienceRef = { installationId: number; id: number };

/** A negative experience as its follow-up sees it: the issue, the reporter, the survey comment, what stops a reply. */
export type FollowUpTarget = ExperienceRef & {
  repositoryId: number;
  repositoryFullName: string;
  issueNumber: number;
  reporterId: number;
  reporterLogin: string;
  outcome: Outcome | "pending";
  followedUpAt: Date | null;
  surveyCommentId: number | null;
  windowEndsAt: Date | null;
  issueOpen: boolean;
  reopenedSinceClose: boolean;
  locked: boolean;
  reporterOptedOut: boolean;
};

/** Queues the follow-up of a negative answer, in the transaction that records the answer. */
export async function queueFollowUp(
  tx: Queryable,
  experience: ExperienceRef & { repositoryId: number; issueNumber: number },
  runAt: Date,
): Promise<void> {
  await enqueueWork(tx, {
    installationId: experience.installationId,
    repositoryId: experience.repositoryId,
    kind: FOLLOW_UP_REPLY,
    key: String(experience.id),
    payload: { issueNumber: experience.issueNumber },
    runAt,
  });
}

/** The experience a follow-up is about, with its survey, issue and repository; null when it is gone. */
export async function followUpForWork(db: Queryable, installationId: number, id: number): Promise<FollowUpTarget | null> {
  const result = await db.query<FollowUpTarget>(
    `SELECT e.id, e.installation_id AS "installationId", e.repository_id AS "repositoryId", r.full_name AS "repositoryFullName",
       e.issue_number AS "issueNumber", e.reporter_id AS "reporterId", s.reporter_login AS "reporterLogin", e.outcome,
       e.followed_up_at AS "followedUpAt", s.comment_id AS "surveyCommentId", s.window_ends_at AS "windowEndsAt",
       i.state <> 'closed' AS "issueOpen", i.locked,
       EXISTS (SELECT 1 FROM unnest(i.reopened_at) AS reopened WHERE reopened >= e.closed_at) AS "reopenedSinceClose",
       EXISTS (SELECT 1 FROM opt_outs o WHERE o.installation_id = e.installation_id AND o.user_id = e.reporter_id) AS "reporterOptedOut"
     FROM experiences e
     JOIN surveys s ON s.installation_id = e.installation_id AND s.id = e.survey_id
     JOIN issues i ON i.installation_id = e.installation_id AND i.repository_id = e.repository_id AND i.number = e.issue_number
     JOIN repositories r ON r.installation_id = e.installation_id AND r.id = e.repository_id
     WHERE e.installation_id = $1 AND e.id = $2`,
    [installationId, id],
  );
  return result.rows[0] ?? null;
}

/** The reply is posted: when (GitHub's time of the comment) and its id. A second mark changes nothing. */
export async function markFollowedUp(db: Queryable, experience: ExperienceRef, reply: { commentId: number; at: Date }): Promise<void> {
  await db.query(
    `UPDATE experiences SET followed_up_at = $3, follow_up_comment_id = $4
     WHERE installation_id = $1 AND id = $2 AND followed_up_at IS NULL`,
    [experience.installationId, experience.id, reply.at, reply.commentId],
  );
}

/** The reporter changed a negative answer within the survey's window, before the follow-up: the new answer counts. */
export async function reviseNegativeAnswer(db: Queryable, experience: ExperienceRef, answer: { outcome: Outcome; at: Date }) {
  await db.query(
    `UPDATE experiences SET outcome = $3, answered_at = $4
     WHERE installation_id = $1 AND id = $2 AND outcome = 'negative' AND followed_up_at IS NULL`,
    [experience.installationId, experience.id, answer.outcome, answer.at],
  );
}

/**
 * A comment by the reporter on an issue whose negative experience was followed up: it is that
 * experience's reason when it came within `windowDays` after the reply and is the first such comment
 * (an earlier one arriving late takes the place of a later one). Returns whether it was stored.
 */
export async function recordReason(
  tx: Queryable,
  key: IssueKey,
  comment: { id: number; authorId: number; at: Date; text: string },
  windowDays: number,
): Promise<boolean> {
  const result = await tx.query(
    `UPDATE experiences SET reason = $6, reason_comment_id = $5, reason_at = $7
     WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3 AND reporter_id = $4
       AND outcome = 'negative' AND followed_up_at IS NOT NULL
       AND $7 > followed_up_at AND $7 <= followed_up_at + make_interval(days => $8)
       AND (reason_comment_id IS NULL OR $7 < reason_at)`,
    [key.installationId, key.repositoryId, key.number, comment.authorId, comment.id, comment.text, comment.at, windowDays],
  );
  return result.rowCount > 0;
}

/** The comment that gave a reason was edited: the reason becomes its new text (none when emptied). */
export async function editReason(tx: Queryable, installationId: number, commentId: number, text: string): Promise<void> {
  await tx.query("UPDATE experiences SET reason = NULLIF($3, '') WHERE installation_id = $1 AND reason_comment_id = $2", [
    installationId,
    commentId,
    text,
  ]);
}

/** The comment that gave a reason was deleted: the reason goes; the comment's id stays, so no later comment replaces it. */
export async function dropReason(tx: Queryable, installationId: number, commentId: number): Promise<void> {
  await tx.query("UPDATE experiences SET reason = NULL WHERE installation_id = $1 AND reason_comment_id = $2", [installationId, commentId]);
}

import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";
import { deleteWork, enqueueWork } from "./work.js";

/** The work kinds of a survey: posting its comment, then reading the comment's reactions. */
export const ASK_SURVEY = "survey.ask";
export const READ_REACTIONS = "survey.read";

export type SurveyStatus = "to_ask" | "asked" | "answered" | "expired" | "cancelled" | "comment_deleted" | "failed";
export type Outcome = "positive" | "negative" | "neutral";

/** A survey as its work sees it, with what the GitHub calls need. */
export type SurveyForWork = {
  id: number;
  installationId: number;
  repositoryFullName: string;
  issueNumber: number;
  reporterId: number;
  reporterLogin: string;
  status: SurveyStatus;
  commentId: number | null;
  askedAt: Date | null;
  windowEndsAt: Date | null;
  reactionsEtag: string | null;
  windowDays: number;
  /** The repository's own survey text, or null for the built-in one. */
  message: string | null;
  /** Where it is asked: an issue (REST), or a discussion (GraphQL, by `discussionNodeId`). */
  channel: "issues" | "discussions";
  discussionNodeId: string | null;
  /** The GraphQL id of the survey comment on a discussion, whose reactions are read by it. */
  commentNodeId: string | null;
};

const claimedColumns = `s.id, s.installation_id AS "installationId", r.full_name AS "repositoryFullName",
  s.issue_number AS "issueNumber", s.reporter_id AS "reporterId", s.reporter_login AS "reporterLogin", s.status,
  s.comment_id AS "commentId", s.asked_at AS "askedAt",
  s.window_ends_at AS "windowEndsAt", s.reactions_etag AS "reactionsEtag", s.window_days AS "windowDays", s.message,
  i.channel, CASE WHEN i.channel = 'discussions' THEN i.node_id END AS "discussionNodeId", s.comment_node_id AS "commentNodeId"`;

/**
 * Opens a survey, its pending experience and the work of asking, for one close of an issue. A
 * redelivered or repeated close (same issue, same closed_at) finds the survey already there and
 * returns null.
 */
export async function openSurvey(
  tx: Queryable,
  key: IssueKey,
  close: { closedAt: Date; reporterId: number; reporterLogin: string; windowDays: number; message?: string | null },
): Promise<number | null> {
  const created = await tx.query<{ id: number }>(
    `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status,
       window_days, message)
     VALUES ($1, $2, $3, $4, $5, $6, 'to_ask', $7, $8)
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
  // The experience is of its issue's channel: 'issues', or 'discussions' for a discussion.
  await tx.query(
    `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, channel)
     SELECT $1, $2, $3, $4, $5, $6, 'pending', i.channel
     FROM issues i WHERE i.installation_id = $1 AND i.repository_id = $2 AND i.number = $3`,
    [key.installationId, key.repositoryId, key.number, id, close.reporterId, close.closedAt],
  );
  const ask = { installationId: key.installationId, repositoryId: key.repositoryId, kind: ASK_SURVEY, key: String(id) };
  await enqueueWork(tx, { ...ask, payload: { issueNumber: key.number }, runAt: close.closedAt });
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

/**
 * Cancels the unanswered surveys of closes before a reopen at `reopenedAt`, and their pending
 * experiences; with `unpostedOnly`, only those whose comment is not posted yet.
 */
export async function cancelOpenSurveys(tx: Queryable, key: IssueKey, reopenedAt: Date, unpostedOnly = false): Promise<number> {
  const cancelled = await tx.query<{ id: number }>(
    `UPDATE surveys SET status = 'cancelled', ended_at = $4
     WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3 AND status = ANY($5::text[])
       AND closed_at < $4
     RETURNING id`,
    [key.installationId, key.repositoryId, key.number, reopenedAt, unpostedOnly ? ["to_ask"] : ["to_ask", "asked"]],
  );
  const ids = cancelled.rows.map((row) => row.id);
  if (ids.length === 0) return 0;
  await tx.query("DELETE FROM experiences WHERE installation_id = $1 AND survey_id = ANY($2::bigint[])", [key.installationId, ids]);
  await deleteWork(tx, key.installationId, [ASK_SURVEY, READ_REACTIONS], ids.map(String));
  return ids.length;
}

/** The survey a piece of work is about, with its repository's name; null when it is gone. */
export async function surveyForWork(db: Queryable, installationId: number, id: number): Promise<SurveyForWork | null> {
  const result = await db.query<SurveyForWork>(
    `SELECT ${claimedColumns} FROM surveys s
     JOIN repositories r ON r.installation_id = s.installation_id AND r.id = s.repository_id
     JOIN issues i ON i.installation_id = s.installation_id AND i.repository_id = s.repository_id AND i.number = s.issue_number
     WHERE s.installation_id = $1 AND s.id = $2`,
    [installationId, id],
  );
  return result.rows[0] ?? null;
}

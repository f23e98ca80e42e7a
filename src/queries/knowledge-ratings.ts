import type { Queryable } from "../db/types.js";
import type { AnswerRating, AnswerRef } from "./knowledge-answers.js";
import { READ_ANSWER } from "./knowledge-answers.js";

/**
 * Settles a posted answer, once: its rating and when. A comment hidden for a 👎 records when, and
 * each link it gave is remembered as rejected for the answer's query. Returns false when it was settled before.
 */
export async function rateAnswer(
  tx: Queryable,
  answer: AnswerRef,
  rating: { rating: AnswerRating; at: Date; minimizedAt?: Date },
): Promise<boolean> {
  const { rows } = await tx.query<{ id: number }>(
    `UPDATE knowledge_answers SET status = 'ended', rating = $3, rated_at = $4, minimized_at = $5, poll_count = poll_count + 1
     WHERE installation_id = $1 AND id = $2 AND status = 'posted' RETURNING id`,
    [answer.installationId, answer.id, rating.rating, rating.at, rating.minimizedAt ?? null],
  );
  if (rows.length === 0) return false;
  if (rating.rating !== "not_helpful") return true;
  await tx.query(
    `INSERT INTO knowledge_rejections (installation_id, repository_id, query_key, link_key, answer_id, rejected_at)
     SELECT a.installation_id, a.repository_id, a.query_key, link ->> 'key', a.id, $3
     FROM knowledge_answers a CROSS JOIN LATERAL jsonb_array_elements(a.links) AS link
     WHERE a.installation_id = $1 AND a.id = $2
     ON CONFLICT (installation_id, repository_id, query_key, link_key) DO NOTHING`,
    [answer.installationId, answer.id, rating.at],
  );
  return true;
}

/** The answer comment was deleted: its answer ends unrated and is not read again. Returns whether one was. */
export async function endAnswerOfDeletedComment(tx: Queryable, installationId: number, commentId: number, at: Date): Promise<boolean> {
  const { rows } = await tx.query<{ id: number }>(
    `UPDATE knowledge_answers SET status = 'ended', rating = 'comment_deleted', rated_at = $3
     WHERE installation_id = $1 AND comment_id = $2 AND status = 'posted' RETURNING id`,
    [installationId, commentId, at],
  );
  const id = rows[0]?.id;
  if (id === undefined) return false;
  await tx.query("DELETE FROM work WHERE installation_id = $1 AND kind = $2 AND key = $3", [installationId, READ_ANSWER, String(id)]);
  return true;
}

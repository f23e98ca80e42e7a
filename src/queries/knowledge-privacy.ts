import type { Queryable } from "../db/types.js";
import { POST_ANSWER, READ_ANSWER } from "./knowledge-answers.js";

const ANSWER_WORK = [POST_ANSWER, READ_ANSWER];

/**
 * Forget-me: the search text of the issues a person reported, and the answers made to them (their
 * ratings, the links they rejected, and the answers' queued work). Run before their issues are made anonymous.
 */
export async function forgetKnowledgeOf(tx: Queryable, installationId: number, userId: number): Promise<void> {
  await tx.query(
    `DELETE FROM knowledge_documents d USING issues i
     WHERE d.installation_id = $1 AND d.source = 'issue' AND i.installation_id = d.installation_id
       AND i.repository_id = d.repository_id AND i.number = d.issue_number AND i.reporter_id = $2`,
    [installationId, userId],
  );
  await tx.query(
    `WITH gone AS (DELETE FROM knowledge_answers WHERE installation_id = $1 AND reporter_id = $2 RETURNING installation_id, id)
     DELETE FROM work w USING gone WHERE w.installation_id = gone.installation_id AND w.kind = ANY($3::text[]) AND w.key = gone.id::text`,
    [installationId, userId, ANSWER_WORK],
  );
}

/**
 * Retention, in every installation like the experiences': the search text of issues closed before
 * `cutoff` (their experiences go too, so they could no longer be linked), and answers made before it.
 */
export async function deleteKnowledgeBefore(tx: Queryable, cutoff: Date): Promise<void> {
  await tx.query(
    `DELETE FROM knowledge_documents d USING issues i
     WHERE d.source = 'issue' AND i.installation_id = d.installation_id AND i.repository_id = d.repository_id
       AND i.number = d.issue_number AND i.closed_at < $1`,
    [cutoff],
  );
  await tx.query(
    `WITH gone AS (DELETE FROM knowledge_answers WHERE created_at < $1 RETURNING installation_id, id)
     DELETE FROM work w USING gone WHERE w.installation_id = gone.installation_id AND w.kind = ANY($2::text[]) AND w.key = gone.id::text`,
    [cutoff, ANSWER_WORK],
  );
}

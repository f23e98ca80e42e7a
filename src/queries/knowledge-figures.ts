import type { Queryable } from "../db/types.js";
import type { Scope } from "./scope.js";

/**
 * The knowledge base's account of a window: answers posted in it, ratings given in it (helpful, not
 * helpful), and deflected issues: closed in it after an answer the reporter rated helpful, without a
 * first response by a maintainer before the close. Nothing is ever closed by the app.
 */
export type KnowledgeFigures = { posted: number; helpful: number; notHelpful: number; deflected: number };

export async function knowledgeFigures(db: Queryable, scope: Scope): Promise<KnowledgeFigures> {
  const { rows } = await db.query<KnowledgeFigures>(
    `SELECT count(*) FILTER (WHERE a.posted_at >= $3 AND a.posted_at < $4)::int AS posted,
       count(*) FILTER (WHERE a.rating = 'helpful' AND a.rated_at >= $3 AND a.rated_at < $4)::int AS helpful,
       count(*) FILTER (WHERE a.rating = 'not_helpful' AND a.rated_at >= $3 AND a.rated_at < $4)::int AS "notHelpful",
       count(*) FILTER (WHERE a.rating = 'helpful' AND i.state = 'closed' AND i.closed_at >= $3 AND i.closed_at < $4
         AND i.closed_at >= a.posted_at AND (i.first_response_at IS NULL OR i.first_response_at > i.closed_at))::int AS deflected
     FROM knowledge_answers a
     JOIN issues i ON i.installation_id = a.installation_id AND i.repository_id = a.repository_id AND i.number = a.issue_number
     WHERE a.installation_id = $1 AND a.repository_id = ANY($2::bigint[]) AND a.posted_at IS NOT NULL`,
    [scope.installationId, scope.repositoryIds, scope.from, scope.to],
  );
  return rows[0] ?? { posted: 0, helpful: 0, notHelpful: 0, deflected: 0 };
}

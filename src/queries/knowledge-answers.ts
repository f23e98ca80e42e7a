import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";
import { enqueueWork } from "./work.js";

/** The work kinds of an answer: searching and posting its comment, then reading the reporter's reaction. */
export const POST_ANSWER = "answer.post";
export const READ_ANSWER = "answer.read";

export type AnswerStatus = "to_post" | "posted" | "no_match" | "skipped" | "cancelled" | "failed" | "ended";
export type AnswerRating = "helpful" | "not_helpful" | "unrated" | "comment_deleted";

/** An answer as its work sees it, with its issue's state and what the GitHub calls need. */
export type AnswerForWork = {
  id: number;
  installationId: number;
  repositoryId: number;
  repositoryFullName: string;
  defaultBranch: string | null;
  issueNumber: number;
  reporterId: number;
  reporterLogin: string;
  issueOpen: boolean;
  locked: boolean;
  reporterOptedOut: boolean;
  status: AnswerStatus;
  lexemes: string[] | null;
  queryKey: string;
  links: { key: string }[];
  commentId: number | null;
  commentNodeId: string | null;
  postedAt: Date | null;
  windowEndsAt: Date | null;
  reactionsEtag: string | null;
};

export type AnswerRef = { installationId: number; id: number };

/**
 * The answer of a new issue and the work of posting it, in the transaction that records the issue;
 * once per issue (a redelivered or repeated opened finds it there: null).
 */
export async function createAnswer(
  tx: Queryable,
  key: IssueKey,
  answer: { reporterId: number; lexemes: string[]; queryKey: string; at: Date },
): Promise<number | null> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO knowledge_answers (installation_id, repository_id, issue_number, reporter_id, status, query_lexemes, query_key, created_at)
     VALUES ($1, $2, $3, $4, 'to_post', $5::text[], $6, $7)
     ON CONFLICT (installation_id, repository_id, issue_number) DO NOTHING RETURNING id`,
    [key.installationId, key.repositoryId, key.number, answer.reporterId, answer.lexemes, answer.queryKey, answer.at],
  );
  const id = rows[0]?.id;
  if (id === undefined) return null;
  const ref = { installationId: key.installationId, repositoryId: key.repositoryId, kind: POST_ANSWER, key: String(id) };
  await enqueueWork(tx, { ...ref, payload: { issueNumber: key.number }, runAt: answer.at });
  return id;
}

export async function answerForWork(db: Queryable, installationId: number, id: number): Promise<AnswerForWork | null> {
  const { rows } = await db.query<AnswerForWork>(
    `SELECT a.id, a.installation_id AS "installationId", a.repository_id AS "repositoryId", r.full_name AS "repositoryFullName",
       r.default_branch AS "defaultBranch", a.issue_number AS "issueNumber", a.reporter_id AS "reporterId",
       i.reporter_login AS "reporterLogin", i.state = 'open' AS "issueOpen", i.locked,
       EXISTS (SELECT 1 FROM opt_outs o WHERE o.installation_id = a.installation_id AND o.user_id = a.reporter_id) AS "reporterOptedOut",
       a.status, a.query_lexemes AS lexemes, a.query_key AS "queryKey", a.links, a.comment_id AS "commentId",
       a.comment_node_id AS "commentNodeId", a.posted_at AS "postedAt", a.window_ends_at AS "windowEndsAt",
       a.reactions_etag AS "reactionsEtag"
     FROM knowledge_answers a
     JOIN repositories r ON r.installation_id = a.installation_id AND r.id = a.repository_id
     JOIN issues i ON i.installation_id = a.installation_id AND i.repository_id = a.repository_id AND i.number = a.issue_number
     WHERE a.installation_id = $1 AND a.id = $2`,
    [installationId, id],
  );
  return rows[0] ?? null;
}

/** Nothing is posted (no match, switched off, GitHub refused, failed): the query's lexemes go, its key stays. */
export async function endUnposted(
  db: Queryable,
  answer: AnswerRef,
  status: "no_match" | "skipped" | "cancelled" | "failed",
): Promise<void> {
  await db.query(
    "UPDATE knowledge_answers SET status = $3, query_lexemes = NULL WHERE installation_id = $1 AND id = $2 AND status = 'to_post'",
    [answer.installationId, answer.id, status],
  );
}

/** The comment is posted: the answer waits for the reporter's reaction, read at `nextReadAt`, queued in the same statement. */
export async function markAnswerPosted(
  db: Queryable,
  answer: AnswerRef,
  posted: { commentId: number; nodeId: string | null; postedAt: Date; windowEndsAt: Date; links: { key: string }[]; nextReadAt: Date },
): Promise<void> {
  await db.query(
    `WITH posted AS (
       UPDATE knowledge_answers SET status = 'posted', query_lexemes = NULL, comment_id = $3, comment_node_id = $4, posted_at = $5,
         window_ends_at = $6, links = $7::jsonb
       WHERE installation_id = $1 AND id = $2 AND status = 'to_post'
       RETURNING installation_id, repository_id, id, issue_number)
     INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
     SELECT installation_id, repository_id, $9, id::text, jsonb_build_object('issueNumber', issue_number), 'pending', $8 FROM posted
     ON CONFLICT (installation_id, kind, key) DO NOTHING`,
    [
      answer.installationId,
      answer.id,
      posted.commentId,
      posted.nodeId,
      posted.postedAt,
      posted.windowEndsAt,
      JSON.stringify(posted.links),
      posted.nextReadAt,
      READ_ANSWER,
    ],
  );
}

/** A read found no rating yet: remember the ETag (the work runs again at its next read). */
export async function recordAnswerRead(db: Queryable, answer: AnswerRef, etag: string | null): Promise<void> {
  await db.query(
    `UPDATE knowledge_answers SET reactions_etag = COALESCE($3, reactions_etag), poll_count = poll_count + 1
     WHERE installation_id = $1 AND id = $2 AND status = 'posted'`,
    [answer.installationId, answer.id, etag],
  );
}

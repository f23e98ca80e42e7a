import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";
import { keyParams } from "./issues.js";

// An issue's conversation: its first responses (by the team, by anyone) and who else took part.

/**
 * Keeps the earliest response by someone other than the reporter, whatever order comments arrive in.
 * The responder's id is null for a person who asked to be forgotten.
 */
export async function recordResponse(
  tx: Queryable,
  key: IssueKey,
  at: Date,
  responder: { id: number | null; login: string },
): Promise<void> {
  await tx.query(
    `UPDATE issues SET first_response_at = $4, first_responder_login = $5, first_responder_id = $6
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3
       AND (first_response_at IS NULL OR first_response_at > $4)`,
    [...keyParams(key), at, responder.login, responder.id],
  );
}

/** Keeps the earliest comment by any person other than the reporter (`first_any_response_at`), whatever order comments arrive in. */
export async function recordAnyResponse(tx: Queryable, key: IssueKey, at: Date): Promise<void> {
  await tx.query(
    `UPDATE issues SET first_any_response_at = $4
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3
       AND (first_any_response_at IS NULL OR first_any_response_at > $4)`,
    [...keyParams(key), at],
  );
}

/** Who wrote a comment on an issue, as the conversation counts it. */
export type CommentAuthor = "reporter" | "bot" | "other";

/** Counts a comment in the issue's conversation (once per delivery: the caller's transaction applies it once). */
export async function recordCommentAuthor(tx: Queryable, key: IssueKey, author: CommentAuthor): Promise<void> {
  await tx.query(
    `UPDATE issues SET reporter_comments = reporter_comments + (CASE WHEN $4 = 'reporter' THEN 1 ELSE 0 END),
       bot_comments = bot_comments + (CASE WHEN $4 = 'bot' THEN 1 ELSE 0 END),
       others_commented = others_commented OR $4 = 'other'
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3`,
    [...keyParams(key), author],
  );
}

/**
 * Whether anybody but the reporter and bots answered the issue, as far as the app can tell: yes when
 * it saw such a comment, or when the issue has more comments (`commentCount`, from the payload) than
 * the reporter's and bots' it saw; an unknown count counts as answered.
 */
export async function answeredByOthers(tx: Queryable, key: IssueKey, commentCount: number | undefined): Promise<boolean> {
  if (commentCount === undefined) return true;
  const { rows } = await tx.query<{ answered: boolean }>(
    `SELECT others_commented OR $4 > reporter_comments + bot_comments AS answered
     FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3`,
    [...keyParams(key), commentCount],
  );
  return rows[0]?.answered ?? true;
}

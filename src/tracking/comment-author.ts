import type { Queryable } from "../db/types.js";
import type { CommentAuthor } from "../queries/issue-conversation.js";
import { recordAnyResponse, recordCommentAuthor, recordResponse } from "../queries/issue-conversation.js";
import type { IssueKey } from "../queries/issues.js";
import { FORGOTTEN, isOptedOut } from "../queries/privacy.js";

const RESPONDER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/** What the app reads of a comment to place it in its issue's conversation (a webhook's or a listing's). */
export type CommentFacts = {
  user: { id: number; login: string; type: string };
  author_association: string;
  created_at: Date;
  performed_via_github_app?: { id: number } | null | undefined;
};

/**
 * Who wrote a comment, as the conversation counts it (the reporter, a bot or anyone else), and
 * whether it answers the reporter: `maintainer` (the repository's owner, a member or a
 * collaborator), `other` (any other person), or null (the reporter's own comments and bots').
 */
export function commentRole(
  comment: CommentFacts,
  reporterId: number,
): { author: CommentAuthor; responder: "maintainer" | "other" | null } {
  const isBot = comment.user.type === "Bot" || Boolean(comment.performed_via_github_app);
  if (isBot) return { author: "bot", responder: null };
  if (comment.user.id === reporterId) return { author: "reporter", responder: null };
  return { author: "other", responder: RESPONDER_ASSOCIATIONS.has(comment.author_association) ? "maintainer" : "other" };
}

/** A maintainer's comment as the issue's first response, if it is the earliest; "ghost" for one who asked to be forgotten. */
export async function recordMaintainerResponse(tx: Queryable, key: IssueKey, comment: CommentFacts): Promise<void> {
  const left = await isOptedOut(tx, key.installationId, comment.user.id);
  const responder = left ? { id: null, login: FORGOTTEN.login } : { id: comment.user.id, login: comment.user.login };
  await recordResponse(tx, key, comment.created_at, responder);
}

/**
 * Places a new comment in its issue's (or discussion's) conversation: counted by author, and the
 * first response by anyone but the reporter and bots, and by a maintainer, when it is the earliest.
 */
export async function placeComment(
  tx: Queryable,
  key: IssueKey,
  comment: CommentFacts,
  reporterId: number,
): Promise<ReturnType<typeof commentRole>> {
  const role = commentRole(comment, reporterId);
  await recordCommentAuthor(tx, key, role.author);
  if (role.responder !== null) await recordAnyResponse(tx, key, comment.created_at);
  if (role.responder === "maintainer") await recordMaintainerResponse(tx, key, comment);
  return role;
}

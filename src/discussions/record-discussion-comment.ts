import type { Queryable } from "../db/types.js";
import { pollSoon } from "../queries/survey-progress.js";
import { placeComment } from "../tracking/comment-author.js";
import type { DiscussionCommentEvent } from "./payloads.js";
import { recordDiscussion } from "./record-discussion.js";

/**
 * A new comment (or reply) on a question, by the same rules as on issues: counted in its conversation,
 * and the first response by the team (the repository's owner, members, collaborators) when it is the
 * earliest; the author's own comments and bots' are not responses. Any person's comment makes the
 * open survey due for a read now. A discussion outside a Q&A category is not followed. Returns the
 * survey to read, if any.
 */
export async function recordDiscussionComment(tx: Queryable, event: DiscussionCommentEvent): Promise<{ surveyToRead: number | null }> {
  const stored = await recordDiscussion(tx, event);
  if (!stored) return { surveyToRead: null };
  const { comment } = event;
  const role = await placeComment(tx, stored.key, comment, event.discussion.user.id);
  if (role.author === "bot") return { surveyToRead: null };
  return { surveyToRead: await pollSoon(tx, stored.key, comment.created_at) };
}

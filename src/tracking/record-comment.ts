import type { Queryable } from "../db/types.js";
import { recordReporterReason } from "../follow-up/reason.js";
import type { CommentEvent } from "../payloads.js";
import { pollSoon } from "../queries/survey-progress.js";
import { placeComment } from "./comment-author.js";
import { recordIssue } from "./record-issue.js";

/**
 * A new comment on an issue, counted in its conversation (the reporter's, a bot's, or anyone
 * else's). A maintainer's comment may be the issue's first response (stored as
 * "ghost" for one who asked to be forgotten); the reporter's may be the reason of a negative answer
 * that was followed up; any person's comment makes the issue's open survey due for a read now (the
 * reporter may have reacted too). Returns the survey to read, if any.
 */
export async function recordComment(tx: Queryable, event: CommentEvent): Promise<{ surveyToRead: number | null }> {
  const { key } = await recordIssue(tx, event);
  const { comment } = event;
  const role = await placeComment(tx, key, comment, event.issue.user.id);
  if (role.author === "bot") return { surveyToRead: null };
  if (role.author === "reporter") await recordReporterReason(tx, key, comment);
  return { surveyToRead: await pollSoon(tx, key, comment.created_at) };
}

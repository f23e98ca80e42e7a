import type { Queryable } from "../db/types.js";
import { recordReporterReason } from "../follow-up/reason.js";
import type { CommentEvent } from "../payloads.js";
import { recordCommentAuthor, recordResponse } from "../queries/issues.js";
import { FORGOTTEN, isOptedOut } from "../queries/privacy.js";
import { pollSoon } from "../queries/survey-progress.js";
import { recordIssue } from "./record-issue.js";

const RESPONDER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

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
  const isBot = comment.user.type === "Bot" || Boolean(comment.performed_via_github_app);
  const byReporter = comment.user.id === event.issue.user.id;
  await recordCommentAuthor(tx, key, isBot ? "bot" : byReporter ? "reporter" : "other", comment.created_at);
  if (isBot) return { surveyToRead: null };
  if (byReporter) await recordReporterReason(tx, key, comment);
  if (!byReporter && RESPONDER_ASSOCIATIONS.has(comment.author_association)) {
    const left = await isOptedOut(tx, key.installationId, comment.user.id);
    const responder = left ? { id: null, login: FORGOTTEN.login } : { id: comment.user.id, login: comment.user.login };
    await recordResponse(tx, key, comment.created_at, responder);
  }
  return { surveyToRead: await pollSoon(tx, key, comment.created_at) };
}

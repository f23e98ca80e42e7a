import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { commentEventSchema } from "../payloads.js";
import { dropReason } from "../queries/follow-ups.js";
import { endAnswerOfDeletedComment } from "../queries/knowledge-ratings.js";
import { endSurveyOfDeletedComment } from "../queries/survey-progress.js";
import { handleOnce } from "./apply-once.js";

/** A deleted survey comment ends its survey unanswered (a knowledge-base answer's ends it unrated); a deleted comment that gave a reason takes the reason with it. */
export function issueCommentDeleted(deps: AppDeps) {
  return async (context: Context<"issue_comment.deleted">): Promise<void> => {
    if (context.payload.issue?.pull_request) return;
    await handleOnce(deps, context, commentEventSchema, async (tx, event) => {
      await dropReason(tx, event.installation.id, event.comment.id);
      await endSurveyOfDeletedComment(tx, event.installation.id, { id: event.comment.id }, event.issue.updated_at);
      await endAnswerOfDeletedComment(tx, event.installation.id, event.comment.id, event.issue.updated_at);
    });
  };
}

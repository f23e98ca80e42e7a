import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { discussionCommentEventSchema } from "../discussions/payloads.js";
import { endSurveyOfDeletedComment } from "../queries/survey-progress.js";
import { handleOnce } from "./apply-once.js";

/** A deleted survey comment on a discussion ends its survey unanswered, as on an issue. */
export function discussionCommentDeleted(deps: AppDeps) {
  return async (context: Context<"discussion_comment.deleted">): Promise<void> => {
    await handleOnce(deps, context, discussionCommentEventSchema, async (tx, event) => {
      const { comment } = event;
      await endSurveyOfDeletedComment(tx, event.installation.id, { id: comment.id, nodeId: comment.node_id }, event.discussion.updated_at);
    });
  };
}

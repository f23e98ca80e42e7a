import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { Queryable } from "../db/types.js";
import type { CommentEvent } from "../payloads.js";
import { commentEventSchema } from "../payloads.js";
import { confirmForgotten } from "../privacy/confirm.js";
import { forgetIfAsked } from "../privacy/forget.js";
import { recordComment } from "../tracking/record-comment.js";
import { handleOnce } from "./apply-once.js";
import { workSurveyNow } from "./work-now.js";

/** Records the comment, then acts on `/satisfaction forget-me` in it, in the delivery's transaction. */
async function recordCommentAndCommand(tx: Queryable, event: CommentEvent) {
  const recorded = await recordComment(tx, event);
  return { ...recorded, forgotten: await forgetIfAsked(tx, event) };
}

/**
 * A comment may be the first response; it also makes the issue's open survey read now. A person's
 * `/satisfaction forget-me` forgets them, confirmed once by a reply after the commit. What follows
 * the commit runs in the background (after the answer, on the server).
 */
export function issueCommentCreated(deps: AppDeps) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    if (context.payload.issue?.pull_request) return; // pull requests are not support issues
    const result = await handleOnce(deps, context, commentEventSchema, recordCommentAndCommand);
    if (!result.applied) return;
    const { forgotten, surveyToRead } = result.value;
    if (forgotten) {
      const { firstTime, experiences, surveys, issuesReported, issuesAnswered } = forgotten;
      context.log.info(
        { deliveryId: context.id, installationId: result.installationId, firstTime, experiences, surveys, issuesReported, issuesAnswered },
        "person forgotten on request",
      );
      if (firstTime) await deps.background(() => confirmForgotten(deps.db, context.log, context.octokit, forgotten));
    }
    if (surveyToRead === null) return;
    const { installationId } = result;
    await deps.background(() => workSurveyNow(deps, context.log, context.octokit, installationId, surveyToRead));
  };
}

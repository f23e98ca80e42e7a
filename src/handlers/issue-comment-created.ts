import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { Queryable } from "../db/types.js";
import type { CommentEvent } from "../payloads.js";
import { commentEventSchema } from "../payloads.js";
import { queueConfirmation } from "../privacy/confirm.js";
import { forgetIfAsked } from "../privacy/forget.js";
import { READ_REACTIONS } from "../queries/surveys.js";
import type { WorkRef } from "../queries/work.js";
import { recordComment } from "../tracking/record-comment.js";
import { handleOnce } from "./apply-once.js";

/**
 * Records the comment, then acts on `/satisfaction forget-me` in it, in the delivery's transaction:
 * a person forgotten for the first time gets one confirmation reply, queued with it.
 */
async function recordCommentAndCommand(tx: Queryable, event: CommentEvent) {
  const { surveyToRead } = await recordComment(tx, event);
  const forgotten = await forgetIfAsked(tx, event);
  const refs: WorkRef[] = [];
  if (forgotten?.firstTime) refs.push(await queueConfirmation(tx, forgotten, event.comment.created_at));
  if (surveyToRead !== null) refs.push({ installationId: event.installation.id, kind: READ_REACTIONS, key: String(surveyToRead) });
  return { forgotten, refs };
}

/**
 * A comment may be the first response; it also makes the issue's open survey read now. A person's
 * `/satisfaction forget-me` forgets them. The work it queues starts right after the answer.
 */
export function issueCommentCreated(deps: AppDeps) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    if (context.payload.issue?.pull_request) return; // pull requests are not support issues
    const result = await handleOnce(deps, context, commentEventSchema, recordCommentAndCommand);
    if (!result.applied) return;
    const { forgotten, refs } = result.value;
    const { installationId } = result;
    if (forgotten) {
      const { firstTime, experiences, surveys, issuesReported, issuesAnswered } = forgotten;
      context.log.info(
        { deliveryId: context.id, installationId, firstTime, experiences, surveys, issuesReported, issuesAnswered },
        "person forgotten on request",
      );
    }
    await deps.work({ installationId, octokit: context.octokit, log: context.log, refs });
  };
}

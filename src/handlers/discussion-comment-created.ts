import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { discussionCommentEventSchema } from "../discussions/payloads.js";
import { recordDiscussionComment } from "../discussions/record-discussion-comment.js";
import { READ_REACTIONS } from "../queries/surveys.js";
import { handleOnce } from "./apply-once.js";

/** A comment on a question may be its first response; it also makes the open survey read now. */
export function discussionCommentCreated(deps: AppDeps) {
  return async (context: Context<"discussion_comment.created">): Promise<void> => {
    const result = await handleOnce(deps, context, discussionCommentEventSchema, recordDiscussionComment);
    if (!result.applied || result.value.surveyToRead === null) return;
    const { installationId } = result;
    const refs = [{ installationId, kind: READ_REACTIONS, key: String(result.value.surveyToRead) }];
    await deps.work({ installationId, octokit: context.octokit, log: context.log, refs });
  };
}

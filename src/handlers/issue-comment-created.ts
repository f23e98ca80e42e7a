import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { commentEventSchema } from "../payloads.js";
import { recordComment } from "../tracking/record-comment.js";
import { handleOnce } from "./apply-once.js";
import { workSurveyNow } from "./work-now.js";

/** A comment may be the first response; it also makes the issue's open survey read now. */
export function issueCommentCreated(deps: AppDeps) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    if (context.payload.issue?.pull_request) return; // pull requests are not support issues
    const result = await handleOnce(deps, context, commentEventSchema, recordComment);
    if (!result.applied || result.value.surveyToRead === null) return;
    await workSurveyNow(deps, context.log, context.octokit, result.installationId, result.value.surveyToRead);
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { recordClose } from "../tracking/record-close.js";
import { handleOnce } from "./apply-once.js";
import { workSurveyNow } from "./work-now.js";

/** A closed issue opens a survey for its reporter when it qualifies, and asks at once. */
export function issuesClosed(deps: AppDeps) {
  return async (context: Context<"issues.closed">): Promise<void> => {
    const result = await handleOnce(deps, context, issueEventSchema, recordClose);
    if (!result.applied) return;
    if (result.value.surveyId === null) {
      context.log.debug({ deliveryId: context.id, reason: result.value.reason }, "no survey for this close");
      return;
    }
    await workSurveyNow(deps, context.log, context.octokit, result.installationId, result.value.surveyId);
  };
}

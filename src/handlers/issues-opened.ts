import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { recordIssue } from "../tracking/record-issue.js";
import { handleOnce } from "./apply-once.js";

/** Stores the new issue: its reporter and opening time feed repeat usage and response times. */
export function issuesOpened(deps: AppDeps) {
  return async (context: Context<"issues.opened">): Promise<void> => {
    await handleOnce(deps, context, issueEventSchema, recordIssue);
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { recordReopen } from "../tracking/record-reopen.js";
import { handleOnce } from "./apply-once.js";

/** A reopened issue cancels its unanswered survey. */
export function issuesReopened(deps: AppDeps) {
  return async (context: Context<"issues.reopened">): Promise<void> => {
    await handleOnce(deps, context, issueEventSchema, recordReopen);
  };
}

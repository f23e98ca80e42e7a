import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { deleteIssue } from "../queries/issues.js";
import { issueKey } from "../tracking/record-issue.js";
import { handleOnce } from "./apply-once.js";

/** A deleted issue takes its stored data (surveys, experiences) with it. */
export function issuesDeleted(deps: AppDeps) {
  return async (context: Context<"issues.deleted">): Promise<void> => {
    await handleOnce(deps, context, issueEventSchema, (tx, event) => deleteIssue(tx, issueKey(event)));
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { followIssueEdit } from "../knowledge/support-issue.js";
import { issueEventSchema } from "../payloads.js";
import { handleOnce } from "./apply-once.js";

/** An edited issue: the title and search text stored of it become what it says now. */
export function issuesEdited(deps: AppDeps) {
  return async (context: Context<"issues.edited">): Promise<void> => {
    await handleOnce(deps, context, issueEventSchema, followIssueEdit);
  };
}

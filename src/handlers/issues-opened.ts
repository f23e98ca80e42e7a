import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { recordIssueOnce } from "../tracking/record-issue.js";
import { applyOnceInOneStatement, validateDelivery } from "./apply-once.js";

/**
 * Stores the new issue: its reporter and opening time feed repeat usage and response times. The
 * delivery, its installation, repository and issue are one statement: the busiest event of all
 * takes one round trip to PostgreSQL and holds no lock another delivery of the installation needs.
 */
export function issuesOpened(deps: AppDeps) {
  return async (context: Context<"issues.opened">): Promise<void> => {
    const delivery = validateDelivery(context, issueEventSchema);
    if (!delivery) return;
    await applyOnceInOneStatement(context, delivery.eventName, (claim) => recordIssueOnce(deps.db, delivery.event, claim));
  };
}

import type { IssuePayload } from "../payloads.js";

export type SkipReason = "pull_request" | "bot_reporter" | "maintainer_reporter" | "not_planned" | "locked";

// Their own issues are not customer experiences.
const MAINTAINER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/** Why a closed issue gets no survey, or null when its reporter is asked. */
export function surveySkipReason(issue: IssuePayload): SkipReason | null {
  if (issue.pull_request !== undefined) return "pull_request";
  if (issue.user.type === "Bot") return "bot_reporter";
  if (MAINTAINER_ASSOCIATIONS.has(issue.author_association)) return "maintainer_reporter";
  if (issue.state_reason && issue.state_reason !== "completed") return "not_planned";
  if (issue.locked) return "locked";
  return null;
}

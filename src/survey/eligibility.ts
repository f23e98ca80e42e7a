import type { RepositoryConfig } from "../config/schema.js";
import type { IssuePayload } from "../payloads.js";

export type SkipReason =
  | "disabled"
  | "pull_request"
  | "bot_reporter"
  | "maintainer_reporter"
  | "not_planned"
  | "locked"
  | "skip_label"
  | "not_an_only_label"
  | "dry_run";

// Their own issues are not customer experiences (unless the repository asks members too).
const MAINTAINER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/**
 * What the rules read of a closed issue, or of a resolved discussion: `labels` null when the channel
 * gives none (a discussion's payload), and then the label rules do not apply.
 */
export type SurveySubject = Pick<IssuePayload, "user" | "author_association" | "state_reason" | "locked" | "pull_request"> & {
  labels: { name: string }[] | null;
};

/** Why a closed issue (or resolved discussion) gets no survey under this configuration, or null when its reporter is asked. */
export function surveySkipReason(issue: SurveySubject, config: RepositoryConfig): SkipReason | null {
  const labels = issue.labels?.map((label) => label.name) ?? null;
  const { survey } = config;
  if (!config.enabled) return "disabled";
  if (issue.pull_request !== undefined) return "pull_request";
  if (issue.user.type === "Bot") return "bot_reporter";
  if (!survey.ask_members && MAINTAINER_ASSOCIATIONS.has(issue.author_association)) return "maintainer_reporter";
  if (issue.state_reason && issue.state_reason !== "completed") return "not_planned";
  if (issue.locked) return "locked";
  if (labels?.some((label) => survey.skip_labels.includes(label))) return "skip_label";
  if (labels && survey.only_labels.length > 0 && !labels.some((label) => survey.only_labels.includes(label))) return "not_an_only_label";
  if (config.dry_run) return "dry_run";
  return null;
}

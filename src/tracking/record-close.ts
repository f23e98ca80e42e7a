import type { RepositoryConfig } from "../config/schema.js";
import type { Queryable } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import { answeredByOthers } from "../queries/issue-conversation.js";
import { reopenedSince } from "../queries/issues.js";
import { hasSurveyBlockingAsk, openSurvey } from "../queries/surveys.js";
import type { SkipReason } from "../survey/eligibility.js";
import { surveySkipReason } from "../survey/eligibility.js";
import { recordIssue } from "./record-issue.js";

export type CloseResult =
  { surveyId: number } | { surveyId: null; reason: SkipReason | "reopened_since" | "already_surveyed" | "opted_out" | "unserved" };

/**
 * A closed issue: stored, and a survey opened for its reporter when the close qualifies. A close
 * the issue is known to have been reopened after (events arrive in any order), of an issue whose
 * reporter asked to be forgotten, or by its reporter when nobody else answered it, opens nothing.
 */
export async function recordClose(tx: Queryable, event: IssueEvent, config: RepositoryConfig): Promise<CloseResult> {
  const { key, reporterOptedOut } = await recordIssue(tx, event);
  const { issue } = event;
  if (issue.closed_at === null || (await reopenedSince(tx, key, issue.closed_at))) {
    return { surveyId: null, reason: "reopened_since" };
  }
  // A reporter who asked to be forgotten (`/satisfaction forget-me`) is never asked again.
  if (reporterOptedOut) return { surveyId: null, reason: "opted_out" };
  const skip = surveySkipReason(issue, config);
  if (skip) return { surveyId: null, reason: skip };
  // A reporter who closed their own issue that nobody else answered was not served: nothing to rate.
  const closedByReporter = event.sender?.id === issue.user.id;
  if (closedByReporter && !(await answeredByOthers(tx, key, issue.comments))) return { surveyId: null, reason: "unserved" };
  if (await hasSurveyBlockingAsk(tx, key, issue.closed_at)) return { surveyId: null, reason: "already_surveyed" };
  const surveyId = await openSurvey(tx, key, {
    closedAt: issue.closed_at,
    reporterId: issue.user.id,
    reporterLogin: issue.user.login,
    windowDays: config.survey.window_days,
    message: config.survey.message,
  });
  return surveyId === null ? { surveyId: null, reason: "already_surveyed" } : { surveyId };
}

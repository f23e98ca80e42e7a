import type { RepositoryConfig } from "../config/schema.js";
import type { Queryable } from "../db/types.js";
import { hasDiscussionSurvey } from "../queries/discussions.js";
import { answeredByOthers } from "../queries/issue-conversation.js";
import { reopenedSince } from "../queries/issues.js";
import { openSurvey } from "../queries/surveys.js";
import type { SkipReason } from "../survey/eligibility.js";
import { surveySkipReason } from "../survey/eligibility.js";
import type { DiscussionEvent } from "./payloads.js";
import { recordDiscussion } from "./record-discussion.js";

export type ResolveResult =
  | { surveyId: number }
  | { surveyId: null; reason: SkipReason | "not_a_question" | "reopened_since" | "already_surveyed" | "opted_out" | "unserved" };

/** How a question was resolved: its answer marked (by the answer's author) or closed as resolved (by the sender), and when. */
export type Resolution = { at: Date; by: number | undefined };

/**
 * A question resolved: stored, and its author asked as on issues, by the same rules: not a bot, not
 * the team (unless the repository asks members too), not locked, not someone who asked to be
 * forgotten, not an author who answered their own question when nobody else took part, not when it
 * was known to be reopened or unanswered since. A discussion is asked about once: an answer, then a
 * close, then a redelivery, ask nothing more.
 */
export async function resolveDiscussion(
  tx: Queryable,
  event: DiscussionEvent,
  resolution: Resolution,
  config: RepositoryConfig,
): Promise<ResolveResult> {
  const stored = await recordDiscussion(tx, event, { isCloseEvent: true });
  if (!stored) return { surveyId: null, reason: "not_a_question" };
  const { key } = stored;
  const { discussion } = event;
  if (await reopenedSince(tx, key, resolution.at)) return { surveyId: null, reason: "reopened_since" };
  if (stored.reporterOptedOut) return { surveyId: null, reason: "opted_out" };
  // A discussion carries no labels in its payload: the label rules are for issues.
  const skip = surveySkipReason({ ...discussion, labels: null, state_reason: null }, config);
  if (skip) return { surveyId: null, reason: skip };
  const byAuthor = resolution.by === discussion.user.id;
  if (byAuthor && !(await answeredByOthers(tx, key, discussion.comments))) return { surveyId: null, reason: "unserved" };
  if (await hasDiscussionSurvey(tx, key)) return { surveyId: null, reason: "already_surveyed" };
  const surveyId = await openSurvey(tx, key, {
    closedAt: resolution.at,
    reporterId: discussion.user.id,
    reporterLogin: discussion.user.login,
    windowDays: config.survey.window_days,
    message: config.survey.message,
  });
  return surveyId === null ? { surveyId: null, reason: "already_surveyed" } : { surveyId };
}

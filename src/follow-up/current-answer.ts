import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import { readReactions } from "../github/reactions.js";
import type { FollowUpTarget } from "../queries/follow-ups.js";
import type { Outcome } from "../queries/surveys.js";
import { reporterAnswer } from "../survey/reactions.js";

/** The reporter's answer as it stands: an outcome, `withdrawn` (no reaction left), or `unknown` (cannot be read). */
export type CurrentAnswer = { outcome: Outcome; at: Date } | "withdrawn" | "unknown";

/**
 * Reads the survey comment's reactions again, before a follow-up acts on a negative answer: the
 * reporter may have changed it since, within the survey's window. A survey comment that is gone
 * (404, 410) leaves the recorded answer as it is.
 */
export async function currentAnswer(
  octokit: Octokit,
  target: Pick<FollowUpTarget, "repositoryFullName" | "surveyCommentId" | "windowEndsAt" | "reporterId">,
): Promise<CurrentAnswer> {
  const { surveyCommentId, windowEndsAt } = target;
  if (surveyCommentId === null || windowEndsAt === null) return "unknown";
  let read;
  try {
    read = await readReactions(octokit, { repositoryFullName: target.repositoryFullName, commentId: surveyCommentId, etag: null });
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return "unknown";
    throw error;
  }
  if (!read.changed) return "unknown";
  return reporterAnswer(read.reactions, target.reporterId, windowEndsAt) ?? "withdrawn";
}

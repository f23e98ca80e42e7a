import type { Octokit } from "../github/octokit.js";
import { httpStatus, isSuspension, retryAt } from "../github/octokit.js";
import { setInstallationSuspended } from "../queries/installations.js";
import { readReactions } from "../github/reactions.js";
import type { ClaimedSurvey } from "../queries/surveys.js";
import { finishSurvey, releaseAfterFailure, schedulePoll } from "../queries/survey-progress.js";
import type { SurveyWorkDeps } from "./ask-survey.js";
import { reporterAnswer } from "./reactions.js";
import { nextPollAt } from "./schedule.js";

const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

/** Reads a survey comment's reactions once and settles the survey, or schedules the next read. */
export async function pollSurvey(deps: SurveyWorkDeps, octokit: Octokit, survey: ClaimedSurvey, now: Date): Promise<void> {
  const { db, log } = deps;
  const { commentId, askedAt, windowEndsAt } = survey;
  if (commentId === null || askedAt === null || windowEndsAt === null) {
    throw new Error(`survey ${survey.id} is asked but has no comment or window`);
  }
  let read;
  try {
    read = await readReactions(octokit, { repositoryFullName: survey.repositoryFullName, commentId, etag: survey.reactionsEtag });
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) {
      await finishSurvey(db, survey, { status: "comment_deleted", outcome: "neutral", at: now });
      log.info({ surveyId: survey.id, commentId }, "survey comment is gone; survey ended unanswered");
      return;
    }
    if (isSuspension(error)) await setInstallationSuspended(db, survey.installationId, now);
    await releaseAfterFailure(db, survey, (error as Error).message, retryAt(error, now, RETRY_AFTER_FAILURE_MS));
    log.error({ surveyId: survey.id, status, err: error }, "reading survey reactions failed; will retry");
    return;
  }
  // Not modified: the reactions are those of the last read, which held no answer.
  const answer = read.changed ? reporterAnswer(read.reactions, survey.reporterId, windowEndsAt) : null;
  if (answer) {
    await finishSurvey(db, survey, { status: "answered", outcome: answer.outcome, at: answer.at });
    log.info({ surveyId: survey.id, outcome: answer.outcome }, "survey answered");
    return;
  }
  const next = nextPollAt(askedAt, windowEndsAt, now);
  if (next === null) {
    await finishSurvey(db, survey, { status: "expired", outcome: "neutral", at: windowEndsAt });
    log.info({ surveyId: survey.id }, "survey window ended without an answer");
    return;
  }
  await schedulePoll(db, survey, next, read.changed ? read.etag : null);
}

import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { httpStatus, isRateLimit, isSuspension, retryAt } from "../github/octokit.js";
import { setInstallationSuspended } from "../queries/installations.js";
import { postSurveyComment } from "../github/survey-comment.js";
import type { ClaimedSurvey } from "../queries/surveys.js";
import { abandonSurvey, deferAsk, markAsked, releaseAfterFailure } from "../queries/survey-progress.js";
import { takeWrite } from "../queries/write-budget.js";
import { nextPollAt, windowEnd } from "./schedule.js";

export type SurveyWorkDeps = { db: Db; log: Logger };

export const MAX_ASK_ATTEMPTS = 8;

// Answers that no retry can change: the issue or repository is gone, or the issue is locked.
const PERMANENT = new Set([403, 404, 410, 422]);

function isPermanent(error: unknown): boolean {
  if (isRateLimit(error) || isSuspension(error)) return false;
  const status = httpStatus(error);
  return status !== undefined && PERMANENT.has(status);
}

/** Posts the survey comment for a claimed survey and starts its reading schedule. */
export async function askSurvey(deps: SurveyWorkDeps, octokit: Octokit, survey: ClaimedSurvey, now: Date): Promise<void> {
  const { db, log } = deps;
  if (!(await takeWrite(db, survey.installationId))) {
    await deferAsk(db, survey, new Date(now.getTime() + 60_000));
    log.info({ surveyId: survey.id, installationId: survey.installationId }, "write budget of the minute spent; survey deferred");
    return;
  }
  try {
    const comment = await postSurveyComment(octokit, survey);
    const windowEndsAt = windowEnd(comment.createdAt, survey.windowDays);
    const next = nextPollAt(comment.createdAt, windowEndsAt, comment.createdAt) ?? windowEndsAt;
    await markAsked(db, survey, { commentId: comment.id, askedAt: comment.createdAt, windowEndsAt, nextPollAt: next });
    log.info({ surveyId: survey.id, commentId: comment.id, installationId: survey.installationId }, "survey asked");
  } catch (error) {
    const message = (error as Error).message;
    if (isPermanent(error)) {
      await abandonSurvey(db, survey, message, now, "cancelled");
      log.warn({ surveyId: survey.id, status: httpStatus(error), err: error }, "survey cancelled: GitHub says it cannot be asked");
      return;
    }
    if (survey.askAttempts >= MAX_ASK_ATTEMPTS) {
      await abandonSurvey(db, survey, message, now, "failed");
      log.error({ surveyId: survey.id, attempts: survey.askAttempts, err: error }, "survey failed: the comment could not be posted after every retry");
      return;
    }
    if (isSuspension(error)) await setInstallationSuspended(db, survey.installationId, now);
    const next = retryAt(error, now, Math.min(2 ** survey.askAttempts, 60) * 60_000);
    await releaseAfterFailure(db, survey, message, next);
    log.error({ surveyId: survey.id, retryAt: next, err: error }, "survey comment failed; will retry");
  }
}

import { postSurveyComment } from "../github/survey-comment.js";
import { httpStatus, isFinalRefusal } from "../github/octokit.js";
import { retrySurvey } from "../queries/retry.js";
import { abandonSurvey, markAsked } from "../queries/survey-progress.js";
import { ASK_SURVEY, surveyForWork } from "../queries/surveys.js";
import { takeWrite } from "../queries/write-budget.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { nextPollAt, windowEnd } from "./schedule.js";

/**
 * Posting a survey's comment (on an issue, or on a discussion), which starts its reading schedule.
 * When GitHub says the issue or discussion cannot be asked, the survey is cancelled; when posting fails at every retry, it ends 'failed'.
 */
export const askSurvey: WorkKind = {
  name: ASK_SURVEY,
  maxAttempts: 8,
  finalStatuses: [],
  async handle({ db, log, octokit, now }, item) {
    const survey = await surveyForWork(db, item.installationId, Number(item.key));
    if (survey?.status !== "to_ask") return done("gone");
    if (!(await takeWrite(db, survey.installationId))) {
      log.info({ surveyId: survey.id, installationId: survey.installationId }, "write budget of the minute spent; survey deferred");
      return { deferred: new Date(now.getTime() + 60_000) };
    }
    let comment;
    try {
      comment = await postSurveyComment(octokit, { ...survey, askAttempts: item.attempts });
    } catch (error) {
      if (!isFinalRefusal(error)) throw error;
      await db.transaction((tx) => abandonSurvey(tx, survey, now, "cancelled"));
      log.warn({ surveyId: survey.id, status: httpStatus(error), err: error }, "survey cancelled: GitHub says it cannot be asked");
      return done("cancelled");
    }
    const windowEndsAt = windowEnd(comment.createdAt, survey.windowDays);
    const next = nextPollAt(comment.createdAt, windowEndsAt, comment.createdAt) ?? windowEndsAt;
    const asked = {
      commentId: comment.id,
      commentNodeId: comment.nodeId ?? null,
      askedAt: comment.createdAt,
      windowEndsAt,
      nextPollAt: next,
    };
    await markAsked(db, survey, asked);
    log.info({ surveyId: survey.id, commentId: comment.id, installationId: survey.installationId }, "survey asked");
    return done("asked");
  },
  onFailed: (tx, item, at) => abandonSurvey(tx, { installationId: item.installationId, id: Number(item.key) }, at, "failed"),
  onRetry: (tx, item) => retrySurvey(tx, item.installationId, Number(item.key)),
};

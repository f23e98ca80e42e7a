import { followUpDueAt } from "../follow-up/timing.js";
import { finishSurvey, recordPoll } from "../queries/survey-progress.js";
import { READ_REACTIONS, surveyForWork } from "../queries/surveys.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { readReporterReaction } from "./reporter-reaction.js";

/** Reading a survey comment's reactions: settles the survey, or runs again at the next read of the schedule. */
export const readSurveyReactions: WorkKind = {
  name: READ_REACTIONS,
  maxAttempts: 8,
  finalStatuses: [],
  async handle({ db, log, octokit, now }, item) {
    const survey = await surveyForWork(db, item.installationId, Number(item.key));
    if (survey?.status !== "asked") return done("gone");
    const { commentId, askedAt, windowEndsAt } = survey;
    if (commentId === null || askedAt === null || windowEndsAt === null)
      throw new Error(`survey ${survey.id} is asked but has no comment or window`);
    const read = await readReporterReaction(octokit, { ...survey, commentId, askedAt, windowEndsAt }, now);
    if (read.found === "comment_deleted") {
      await finishSurvey(db, survey, { status: "comment_deleted", outcome: "neutral", at: now });
      log.info({ surveyId: survey.id, commentId }, "survey comment is gone; survey ended unanswered");
      return done("comment_deleted");
    }
    if (read.found === "answer") {
      // A negative answer on an issue queues its follow-up in the same transaction (src/follow-up/).
      const followUpAt = followUpDueAt(read.at, now);
      await finishSurvey(db, survey, { status: "answered", outcome: read.outcome, at: read.at, followUpAt });
      log.info({ surveyId: survey.id, outcome: read.outcome }, "survey answered");
      return done("answered");
    }
    if (read.found === "window_ended") {
      await finishSurvey(db, survey, { status: "expired", outcome: "neutral", at: windowEndsAt });
      log.info({ surveyId: survey.id }, "survey window ended without an answer");
      return done("expired");
    }
    await recordPoll(db, survey, read.etag);
    return { next: read.next };
  },
};

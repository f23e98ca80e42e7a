import { followUpDueAt } from "../follow-up/timing.js";
import { httpStatus } from "../github/octokit.js";
import { readDiscussionReactions } from "../github/discussion-reactions.js";
import type { Octokit } from "../github/octokit.js";
import type { ReactionsRead } from "../github/reactions.js";
import { readReactions } from "../github/reactions.js";
import { finishSurvey, recordPoll } from "../queries/survey-progress.js";
import type { SurveyForWork } from "../queries/surveys.js";
import { READ_REACTIONS, surveyForWork } from "../queries/surveys.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { reporterAnswer } from "./reactions.js";
import { nextPollAt } from "./schedule.js";

/**
 * The survey comment's reactions: on an issue through REST (with its ETag), on a discussion through
 * GraphQL. "deleted" when the comment is gone (a 404 or 410, or no such node).
 */
async function readSurveyComment(octokit: Octokit, survey: SurveyForWork, commentId: number): Promise<ReactionsRead | "deleted"> {
  try {
    if (survey.channel === "issues") {
      return await readReactions(octokit, { repositoryFullName: survey.repositoryFullName, commentId, etag: survey.reactionsEtag });
    }
    if (survey.commentNodeId === null) throw new Error(`survey ${survey.id} is asked on a discussion but has no comment node id`);
    const reactions = await readDiscussionReactions(octokit, survey.commentNodeId);
    return reactions === null ? "deleted" : { changed: true, reactions, etag: null };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return "deleted";
    throw error;
  }
}

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
    const read = await readSurveyComment(octokit, survey, commentId);
    if (read === "deleted") {
      await finishSurvey(db, survey, { status: "comment_deleted", outcome: "neutral", at: now });
      log.info({ surveyId: survey.id, commentId }, "survey comment is gone; survey ended unanswered");
      return done("comment_deleted");
    }
    // Not modified: the reactions are those of the last read, which held no answer.
    const answer = read.changed ? reporterAnswer(read.reactions, survey.reporterId, windowEndsAt) : null;
    if (answer) {
      // A negative answer on an issue queues its follow-up in the same transaction (src/follow-up/).
      const followUpAt = followUpDueAt(answer.at, now);
      await finishSurvey(db, survey, { status: "answered", outcome: answer.outcome, at: answer.at, followUpAt });
      log.info({ surveyId: survey.id, outcome: answer.outcome }, "survey answered");
      return done("answered");
    }
    const next = nextPollAt(askedAt, windowEndsAt, now);
    if (next === null) {
      await finishSurvey(db, survey, { status: "expired", outcome: "neutral", at: windowEndsAt });
      log.info({ surveyId: survey.id }, "survey window ended without an answer");
      return done("expired");
    }
    await recordPoll(db, survey, read.changed ? read.etag : null);
    return { next };
  },
};

import { minimizeComment } from "../github/minimize-comment.js";
import type { AnswerForWork } from "../queries/knowledge-answers.js";
import { answerForWork, READ_ANSWER, recordAnswerRead } from "../queries/knowledge-answers.js";
import { rateAnswer } from "../queries/knowledge-ratings.js";
import { takeWrite } from "../queries/write-budget.js";
import { readReporterReaction } from "../survey/reporter-reaction.js";
import type { WorkContext, WorkKind, WorkOutcome } from "../work/kind.js";
import { done } from "../work/kind.js";

/**
 * A 👎: the comment is hidden as off-topic, then the rating and each rejected link are recorded (in
 * one transaction). Hiding first: a failure leaves the answer to be read, and hidden, again.
 */
async function rejectAnswer(context: WorkContext, answer: AnswerForWork, at: Date): Promise<WorkOutcome> {
  const { db, log, octokit, now } = context;
  if (answer.commentNodeId !== null) {
    if (!(await takeWrite(db, answer.installationId))) return { deferred: new Date(now.getTime() + 60_000) };
    await minimizeComment(octokit, answer.commentNodeId);
  }
  await db.transaction((tx) => rateAnswer(tx, answer, { rating: "not_helpful", at, minimizedAt: now }));
  log.info(
    { answerId: answer.id, installationId: answer.installationId, links: answer.links.length },
    "knowledge-base answer rejected and hidden",
  );
  return done("not_helpful");
}

/**
 * Reading the reporter's reaction to an answer comment, on the survey's schedule: 👍 (or another
 * positive reaction) rates it helpful; 👎 (or 😕) not helpful, hides it and remembers its links as
 * rejected for that query; both, or none by the window's end, leave it unrated; a deleted comment ends it.
 */
export const readAnswerReaction: WorkKind = {
  name: READ_ANSWER,
  maxAttempts: 8,
  finalStatuses: [],
  async handle(context, item) {
    const { db, log, octokit, now } = context;
    const answer = await answerForWork(db, item.installationId, Number(item.key));
    if (answer?.status !== "posted") return done("gone");
    const { commentId, postedAt, windowEndsAt } = answer;
    if (commentId === null || postedAt === null || windowEndsAt === null)
      throw new Error(`answer ${answer.id} is posted but has no comment`);
    const comment = { ...answer, commentId, askedAt: postedAt, windowEndsAt };
    const read = await readReporterReaction(octokit, comment, now);
    const rate = async (rating: "helpful" | "unrated" | "comment_deleted", at: Date) => {
      await db.transaction((tx) => rateAnswer(tx, answer, { rating, at }));
      log.info({ answerId: answer.id, installationId: answer.installationId, rating }, "knowledge-base answer settled");
      return done(rating);
    };
    if (read.found === "comment_deleted") return rate("comment_deleted", now);
    if (read.found === "window_ended") return rate("unrated", windowEndsAt);
    if (read.found === "answer") {
      if (read.outcome === "positive") return rate("helpful", read.at);
      if (read.outcome === "negative") return rejectAnswer(context, answer, read.at);
      return rate("unrated", read.at);
    }
    await recordAnswerRead(db, answer, read.etag);
    return { next: read.next };
  },
};

import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import { readReactions } from "../github/reactions.js";
import type { Outcome } from "../queries/surveys.js";
import { reporterAnswer } from "./reactions.js";
import { nextPollAt } from "./schedule.js";

/** A comment the app asked the reporter to react to: a survey's, or a knowledge-base answer's. */
export type AskedComment = {
  repositoryFullName: string;
  commentId: number;
  reactionsEtag: string | null;
  reporterId: number;
  askedAt: Date;
  windowEndsAt: Date;
};

/** What one read of the comment's reactions found. */
export type ReactionRead =
  | { found: "comment_deleted" }
  | { found: "answer"; outcome: Outcome; at: Date }
  | { found: "window_ended" }
  | { found: "nothing"; next: Date; etag: string | null };

/**
 * Reads the reactions of an asked comment once: the reporter's answer within the window, or that
 * the comment is gone (404, 410), or that the window ended, or when to read again (the survey
 * schedule) with the ETag to send then. A 304 means the reactions are those of the last read.
 */
export async function readReporterReaction(octokit: Octokit, comment: AskedComment, now: Date): Promise<ReactionRead> {
  let read;
  try {
    read = await readReactions(octokit, {
      repositoryFullName: comment.repositoryFullName,
      commentId: comment.commentId,
      etag: comment.reactionsEtag,
    });
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 404 && status !== 410) throw error;
    return { found: "comment_deleted" };
  }
  const answer = read.changed ? reporterAnswer(read.reactions, comment.reporterId, comment.windowEndsAt) : null;
  if (answer) return { found: "answer", ...answer };
  const next = nextPollAt(comment.askedAt, comment.windowEndsAt, now);
  if (next === null) return { found: "window_ended" };
  return { found: "nothing", next, etag: read.changed ? read.etag : null };
}

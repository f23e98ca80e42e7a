import { readDiscussionReactions } from "../github/discussion-reactions.js";
import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import type { ReactionsRead } from "../github/reactions.js";
import { readReactions } from "../github/reactions.js";
import type { Outcome } from "../queries/surveys.js";
import { reporterAnswer } from "./reactions.js";
import { nextPollAt } from "./schedule.js";

/**
 * A comment the app asked the reporter to react to: a survey's (on an issue or a discussion), or a
 * knowledge-base answer's (always on an issue). A discussion's comment is read by its node id.
 */
export type AskedComment = {
  repositoryFullName: string;
  channel?: "issues" | "discussions";
  commentId: number;
  commentNodeId?: string | null;
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

/** The comment's reactions: on an issue through REST (with its ETag), on a discussion through GraphQL; "deleted" when it is gone. */
async function readComment(octokit: Octokit, comment: AskedComment): Promise<ReactionsRead | "deleted"> {
  try {
    if (comment.channel !== "discussions") {
      const { repositoryFullName, commentId, reactionsEtag: etag } = comment;
      return await readReactions(octokit, { repositoryFullName, commentId, etag });
    }
    if (!comment.commentNodeId) throw new Error(`discussion comment ${comment.commentId} has no node id`);
    const reactions = await readDiscussionReactions(octokit, comment.commentNodeId);
    return reactions === null ? "deleted" : { changed: true, reactions, etag: null };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return "deleted";
    throw error;
  }
}

/**
 * Reads the reactions of an asked comment once: the reporter's answer within the window, or that
 * the comment is gone (404, 410, no such node), or that the window ended, or when to read again (the
 * survey schedule) with the ETag to send then. A 304 means the reactions are those of the last read.
 */
export async function readReporterReaction(octokit: Octokit, comment: AskedComment, now: Date): Promise<ReactionRead> {
  const read = await readComment(octokit, comment);
  if (read === "deleted") return { found: "comment_deleted" };
  const answer = read.changed ? reporterAnswer(read.reactions, comment.reporterId, comment.windowEndsAt) : null;
  if (answer) return { found: "answer", ...answer };
  const next = nextPollAt(comment.askedAt, comment.windowEndsAt, now);
  if (next === null) return { found: "window_ended" };
  return { found: "nothing", next, etag: read.changed ? read.etag : null };
}

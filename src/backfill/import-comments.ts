import type { Queryable } from "../db/types.js";
import type { ListedComment } from "../github/backfill-listings.js";
import type { BackfillRun } from "../queries/backfill-runs.js";
import { markSeen, runIssueReporters } from "../queries/backfill-seen.js";
import { recordAnyResponse, recordCommentAuthor } from "../queries/issue-conversation.js";
import { commentRole, recordMaintainerResponse } from "../tracking/comment-author.js";

/**
 * Applies a page of comments, in the page's transaction, by the webhooks' rules
 * (tracking/comment-author.ts): each comment is counted in its issue's conversation (the reporter's,
 * a bot's, anyone else's), and a person's comment may be the issue's first response by anyone and,
 * a maintainer's, its first response. Only the issues whose history this run imports are touched,
 * each comment once however often it is listed, and only comments older than the run's
 * `counts_before` are counted: the webhooks counted the later ones. Returns how many it applied.
 */
export async function importComments(tx: Queryable, run: BackfillRun, comments: readonly ListedComment[]): Promise<number> {
  const reporters = await runIssueReporters(tx, run, [...new Set(comments.map((comment) => comment.issueNumber))]);
  const ours = comments.filter((comment) => reporters.has(comment.issueNumber));
  const fresh = await markSeen(
    tx,
    run,
    "comment",
    ours.map((comment) => comment.id),
  );
  let applied = 0;
  for (const comment of ours) {
    const reporterId = reporters.get(comment.issueNumber);
    if (!fresh.has(comment.id) || reporterId === undefined) continue;
    fresh.delete(comment.id); // listed twice on one page: applied once
    applied++;
    const key = { installationId: run.installationId, repositoryId: run.repositoryId, number: comment.issueNumber };
    const role = commentRole(comment, reporterId);
    if (comment.created_at < run.countsBefore) await recordCommentAuthor(tx, key, role.author);
    if (role.responder === null) continue;
    await recordAnyResponse(tx, key, comment.created_at);
    if (role.responder === "maintainer") await recordMaintainerResponse(tx, key, comment);
  }
  return applied;
}

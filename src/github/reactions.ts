import type { Octokit } from "./octokit.js";
import { httpStatus, splitFullName } from "./octokit.js";
import type { Reaction } from "../survey/reactions.js";

export type ReactionsRead = { changed: false } | { changed: true; reactions: Reaction[]; etag: string | null };

/**
 * Reads every reaction on a comment, page by page. The first page is asked for with the ETag of
 * the last single-page read: a 304 means nothing changed and does not count against the rate limit.
 */
export async function readReactions(
  octokit: Octokit,
  target: { repositoryFullName: string; commentId: number; etag: string | null },
): Promise<ReactionsRead> {
  const { owner, repo } = splitFullName(target.repositoryFullName);
  const reactions: Reaction[] = [];
  let etag: string | null = null;
  try {
    const pages = octokit.paginate.iterator(octokit.rest.reactions.listForIssueComment, {
      owner,
      repo,
      comment_id: target.commentId,
      per_page: 100,
      headers: target.etag ? { "if-none-match": target.etag } : {},
    });
    let pageCount = 0;
    for await (const page of pages) {
      if (pageCount++ === 0) etag = page.headers.etag ?? null;
      reactions.push(...page.data);
    }
    // Reactions are listed oldest first: a new one on a long list changes a later page while the
    // first answers 304. Only a single-page list may be checked by its ETag.
    if (pageCount > 1) etag = null;
  } catch (error) {
    if (httpStatus(error) === 304) return { changed: false };
    throw error;
  }
  return { changed: true, reactions, etag };
}

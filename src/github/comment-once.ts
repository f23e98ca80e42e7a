import type { Octokit } from "./octokit.js";
import { splitFullName } from "./octokit.js";
import { madeByThisApp, ownAppId } from "./own-app.js";

/** A posted comment: its REST id (`databaseId` in GraphQL), its GraphQL node id (to hide it, or read a discussion comment's reactions) and GitHub's time of it. */
export type PostedComment = { id: number; nodeId: string | null; createdAt: Date };

/**
 * Posts a comment whose body holds a hidden `marker`. A retry (`retry`) first looks for the comment
 * an earlier attempt may have made before it could record it (a crash, a lost response), so an issue
 * never gets two; only this app's own comment is adopted, whoever else copied the marker.
 */
export async function postCommentOnce(
  octokit: Octokit,
  comment: { repositoryFullName: string; issueNumber: number; body: string; marker: string; retry: boolean },
): Promise<PostedComment> {
  const { owner, repo } = splitFullName(comment.repositoryFullName);
  if (comment.retry) {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: comment.issueNumber,
      per_page: 100,
    });
    const appId = await ownAppId(octokit);
    const earlier = comments.find((each) => each.body?.includes(comment.marker) && madeByThisApp(each, appId));
    if (earlier) return { id: earlier.id, nodeId: earlier.node_id ?? null, createdAt: new Date(earlier.created_at) };
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: comment.issueNumber, body: comment.body });
  return { id: data.id, nodeId: data.node_id ?? null, createdAt: new Date(data.created_at) };
}

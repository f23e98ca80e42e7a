import { z } from "zod";
import type { PostedComment } from "./comment-once.js";
import type { Octokit } from "./octokit.js";

export const ADD_DISCUSSION_COMMENT = `mutation AddDiscussionComment($discussionId: ID!, $body: String!) {
  addDiscussionComment(input: { discussionId: $discussionId, body: $body }) { comment { id databaseId createdAt } }
}`;

export const DISCUSSION_COMMENTS = `query DiscussionComments($id: ID!, $after: String) {
  node(id: $id) {
    ... on Discussion { comments(first: 100, after: $after) { nodes { id databaseId createdAt body author { __typename login } } pageInfo { hasNextPage endCursor } } }
  }
}`;

const commentSchema = z.object({ id: z.string().min(1), databaseId: z.number().int(), createdAt: z.iso.datetime({ offset: true }) });
const addedSchema = z.object({ addDiscussionComment: z.object({ comment: commentSchema }) });
const pageSchema = z.object({
  node: z
    .object({
      comments: z.object({
        nodes: z.array(
          commentSchema
            .extend({ body: z.string(), author: z.object({ __typename: z.string(), login: z.string() }).nullable().optional() })
            .nullable(),
        ),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      }),
    })
    .nullable(),
});

const posted = (comment: z.infer<typeof commentSchema>): PostedComment => ({
  id: comment.databaseId,
  nodeId: comment.id,
  createdAt: new Date(comment.createdAt),
});

/** The discussion's comment holding `marker`, read page by page; null when there is none (or no discussion). */
async function findMarked(octokit: Octokit, discussionId: string, marker: string): Promise<PostedComment | null> {
  let after: string | null = null;
  for (;;) {
    const page = pageSchema.parse(await octokit.graphql(DISCUSSION_COMMENTS, { id: discussionId, after }));
    const comments = page.node?.comments;
    // GraphQL names no app on a discussion comment: a bot's marked comment is taken as the app's
    // (an outsider's account is a User; a bot comments only where its app is installed).
    const earlier = comments?.nodes.find((comment) => comment?.body.includes(marker) && comment.author?.__typename === "Bot");
    if (earlier) return posted(earlier);
    if (!comments?.pageInfo.hasNextPage) return null;
    after = comments.pageInfo.endCursor;
  }
}

/**
 * Posts a comment holding a hidden `marker` on a discussion, through GraphQL (discussions have no REST
 * comments). A retry first looks for the comment an earlier attempt may have made before it could
 * record it, so a discussion never gets two.
 */
export async function postDiscussionCommentOnce(
  octokit: Octokit,
  comment: { discussionId: string; body: string; marker: string; retry: boolean },
): Promise<PostedComment> {
  if (comment.retry) {
    const earlier = await findMarked(octokit, comment.discussionId, comment.marker);
    if (earlier) return earlier;
  }
  const answer = await octokit.graphql(ADD_DISCUSSION_COMMENT, { discussionId: comment.discussionId, body: comment.body });
  return posted(addedSchema.parse(answer).addDiscussionComment.comment);
}

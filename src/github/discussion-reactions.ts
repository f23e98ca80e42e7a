import { z } from "zod";
import type { Reaction } from "../survey/reactions.js";
import type { Octokit } from "./octokit.js";
import { graphqlErrorTypes } from "./octokit.js";

export const DISCUSSION_COMMENT_REACTIONS = `query DiscussionCommentReactions($id: ID!, $after: String) {
  node(id: $id) {
    ... on DiscussionComment {
      reactions(first: 100, after: $after) { nodes { content createdAt user { databaseId } } pageInfo { hasNextPage endCursor } }
    }
  }
}`;

/** GraphQL's reaction names, as the REST names the survey counts by. */
export const REST_REACTION = {
  THUMBS_UP: "+1",
  THUMBS_DOWN: "-1",
  LAUGH: "laugh",
  HOORAY: "hooray",
  CONFUSED: "confused",
  HEART: "heart",
  ROCKET: "rocket",
  EYES: "eyes",
} as const;

const reactionSchema = z.object({
  content: z.enum(Object.keys(REST_REACTION) as [keyof typeof REST_REACTION]),
  createdAt: z.iso.datetime({ offset: true }),
  // null for an account that was deleted
  user: z.object({ databaseId: z.number().int().nullable() }).nullable(),
});

const pageSchema = z.object({
  node: z
    .object({
      reactions: z.object({
        nodes: z.array(reactionSchema.nullable()),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      }),
    })
    .nullable(),
});

type Page = z.infer<typeof pageSchema>;

/** One page; a comment GitHub no longer knows (deleted) reads as `node: null`, whether answered so or as NOT_FOUND. */
async function readPage(octokit: Octokit, commentNodeId: string, after: string | null): Promise<Page> {
  try {
    return pageSchema.parse(await octokit.graphql(DISCUSSION_COMMENT_REACTIONS, { id: commentNodeId, after }));
  } catch (error) {
    if (graphqlErrorTypes(error).includes("NOT_FOUND")) return { node: null };
    throw error;
  }
}

/**
 * Every reaction on a discussion comment, read through GraphQL page by page, in the REST shape the
 * survey's rules read (`reporterAnswer`). Null when the comment is gone.
 */
export async function readDiscussionReactions(octokit: Octokit, commentNodeId: string): Promise<Reaction[] | null> {
  const reactions: Reaction[] = [];
  let after: string | null = null;
  for (;;) {
    const { node } = await readPage(octokit, commentNodeId, after);
    if (!node) return null;
    for (const reaction of node.reactions.nodes) {
      if (!reaction) continue;
      const id = reaction.user?.databaseId ?? null;
      reactions.push({ content: REST_REACTION[reaction.content], user: id === null ? null : { id }, created_at: reaction.createdAt });
    }
    if (!node.reactions.pageInfo.hasNextPage) return reactions;
    after = node.reactions.pageInfo.endCursor;
  }
}

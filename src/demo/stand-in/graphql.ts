import type { Comment, GitHubState } from "./state.js";
import { discussionCommentEvent } from "./events.js";
import { describeAppComment, newComment } from "./state.js";

/**
 * The GraphQL operations the app sends (discussion comments and their reactions, hiding a comment),
 * answered from the stand-in's state by operation name or mutation field, as GitHub's schema shapes them.
 */
export type GraphqlBody = { query?: unknown; variables?: Record<string, unknown> };

const GRAPHQL_REACTION: Record<string, string> = {
  "+1": "THUMBS_UP",
  "-1": "THUMBS_DOWN",
  laugh: "LAUGH",
  hooray: "HOORAY",
  confused: "CONFUSED",
  heart: "HEART",
  rocket: "ROCKET",
  eyes: "EYES",
};

const page = <T>(nodes: T[]) => ({ nodes, pageInfo: { hasNextPage: false, endCursor: null } });
const notFound = (id: unknown) => ({
  data: { node: null },
  errors: [{ type: "NOT_FOUND", message: `Could not resolve to a node with the global id of '${String(id)}'` }],
});

function discussionComment(state: GitHubState, nodeId: unknown): Comment | undefined {
  for (const discussion of state.discussions.values()) {
    const found = discussion.thread.find((comment) => comment.node_id === nodeId);
    if (found) return found;
  }
  return undefined;
}

function addDiscussionComment(state: GitHubState, variables: Record<string, unknown>) {
  const discussion = [...state.discussions.values()].find((each) => each.node_id === variables.discussionId);
  if (!discussion) return notFound(variables.discussionId);
  const comment = newComment(state, discussion.number, state.bot, "NONE", String(variables.body ?? ""), "discussion");
  discussion.thread.push(comment);
  discussion.comments += 1;
  state.activity.push(`discussion #${discussion.number} ${describeAppComment(comment.body)}`);
  state.outbox.push(discussionCommentEvent(state, discussion, comment));
  return { data: { addDiscussionComment: { comment: { id: comment.node_id, databaseId: comment.id, createdAt: comment.created_at } } } };
}

function discussionComments(state: GitHubState, variables: Record<string, unknown>) {
  const discussion = [...state.discussions.values()].find((each) => each.node_id === variables.id);
  if (!discussion) return notFound(variables.id);
  const nodes = discussion.thread.map((c) => ({ id: c.node_id, databaseId: c.id, createdAt: c.created_at, body: c.body }));
  return { data: { node: { comments: page(nodes) } } };
}

function reactions(state: GitHubState, variables: Record<string, unknown>) {
  const comment = discussionComment(state, variables.id);
  if (!comment) return notFound(variables.id);
  const nodes = comment.reactions.map((r) => ({
    content: GRAPHQL_REACTION[r.content],
    createdAt: r.created_at,
    user: { databaseId: r.user.id },
  }));
  return { data: { node: { reactions: page(nodes) } } };
}

function minimize(state: GitHubState, variables: Record<string, unknown>) {
  const comment = state.comments.find((each) => each.node_id === variables.subjectId) ?? discussionComment(state, variables.subjectId);
  if (!comment) return notFound(variables.subjectId);
  comment.minimized = true;
  state.activity.push(`#${comment.issue_number} hid its answer (rated not helpful)`);
  return { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } };
}

export function answerGraphql(state: GitHubState, body: GraphqlBody): unknown {
  const query = String(body.query ?? "");
  const variables = body.variables ?? {};
  if (/addDiscussionComment\s*\(/.test(query)) return addDiscussionComment(state, variables);
  if (/minimizeComment\s*\(/.test(query)) return minimize(state, variables);
  if (/query DiscussionComments\b/.test(query)) return discussionComments(state, variables);
  if (/query DiscussionCommentReactions\b/.test(query)) return reactions(state, variables);
  state.unknownRoutes.push(`POST /graphql ${query.slice(0, 60)}`);
  return { errors: [{ message: "the demo's GitHub stand-in does not answer this query" }] };
}

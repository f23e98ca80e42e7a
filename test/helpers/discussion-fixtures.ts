import nock from "nock";
import { API } from "./app.js";
import { example, INSTALLATION_ID, MAINTAINER, REPORTER } from "./fixtures.js";

/**
 * `discussion` and `discussion_comment` payloads built from GitHub's own examples
 * (@octokit/webhooks-examples), and GraphQL mocks for the Discussions API. The package has no
 * discussion.closed, reopened or deleted example: they are made from discussion.answered, as
 * issues.closed is made from issues.reopened.
 */
type Json = Record<string, unknown>;
type User = { login: string; id: number; type: string };

export const DISCUSSION_NODE_ID = "D_kwDOAbc123";
export const REPO = { id: 186_853_002, full_name: "Codertocat/Hello-World", private: false };

export type DiscussionOptions = {
  number?: number;
  nodeId?: string;
  author?: User;
  association?: string;
  /** A Q&A category (the default) or another. */
  answerable?: boolean;
  createdAt?: string;
  updatedAt?: string;
  answerChosenAt?: string | null;
  state?: string;
  stateReason?: string | null;
  locked?: boolean;
  comments?: number;
  sender?: User;
  /** discussion.answered: who wrote the answer. */
  answerer?: User;
  repository?: { id: number; full_name: string; private?: boolean };
};

const EXAMPLE_ACTIONS = new Set(["created", "answered", "unanswered", "edited", "category_changed", "transferred"]);

/** A discussion.<action> payload for a question asked by `author` (an outside user by default) in a Q&A category. */
export function discussionPayload(action: string, options: DiscussionOptions = {}): Json {
  const base = EXAMPLE_ACTIONS.has(action) ? action : "answered";
  const payload = example("discussion", base, (candidate) => Boolean(candidate.installation));
  const discussion = payload.discussion as Json;
  const createdAt = options.createdAt ?? "2026-11-02T10:00:00Z";
  const answerChosenAt =
    options.answerChosenAt === undefined ? (action === "answered" ? "2026-11-03T10:00:00Z" : null) : options.answerChosenAt;
  const closed = action === "closed";
  Object.assign(discussion, {
    number: options.number ?? 4,
    node_id: options.nodeId ?? DISCUSSION_NODE_ID,
    user: { ...(discussion.user as Json), ...(options.author ?? REPORTER) },
    author_association: options.association ?? "NONE",
    category: { ...(discussion.category as Json), is_answerable: options.answerable ?? true },
    state: options.state ?? (closed ? "closed" : "open"),
    state_reason:
      options.stateReason === undefined ? (closed ? "resolved" : action === "reopened" ? "reopened" : null) : options.stateReason,
    locked: options.locked ?? false,
    comments: options.comments ?? 1,
    created_at: createdAt,
    updated_at: options.updatedAt ?? (closed ? "2026-11-03T11:00:00Z" : (answerChosenAt ?? createdAt)),
    answer_chosen_at: answerChosenAt,
  });
  payload.action = action;
  if (action === "answered") payload.answer = { ...(payload.answer as Json), user: { ...(options.answerer ?? MAINTAINER) } };
  payload.sender = { ...(payload.sender as Json), ...(options.sender ?? MAINTAINER) };
  Object.assign(payload.repository as Json, options.repository ?? REPO);
  payload.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return payload;
}

export type DiscussionCommentOptions = DiscussionOptions & {
  commentId?: number;
  commentNodeId?: string;
  commenter?: User;
  commenterAssociation?: string;
  commentedAt?: string;
};

/** A discussion_comment.<action> payload on the question of `options`. */
export function discussionCommentPayload(action: "created" | "deleted", options: DiscussionCommentOptions = {}): Json {
  const payload = example("discussion_comment", action, (candidate) => Boolean(candidate.installation));
  const question = discussionPayload("created", options);
  const comment = payload.comment as Json;
  Object.assign(comment, {
    id: options.commentId ?? 550_100,
    node_id: options.commentNodeId ?? `DC_${options.commentId ?? 550_100}`,
    user: { ...(comment.user as Json), ...(options.commenter ?? MAINTAINER) },
    author_association: options.commenterAssociation ?? "OWNER",
    created_at: options.commentedAt ?? "2026-11-02T12:00:00Z",
  });
  return { ...payload, action, discussion: question.discussion, repository: question.repository, installation: question.installation };
}

type GraphqlBody = { query: string; variables: Record<string, unknown> };

/** Expects the survey comment posted on the discussion by GraphQL; the bodies sent are pushed to `bodies`. */
export function mockAddDiscussionComment(
  options: { base?: string; path?: string; databaseId?: number; nodeId?: string; createdAt?: string; bodies?: string[] } = {},
): nock.Scope {
  const { base = API, path = "/graphql", databaseId = 560_001, nodeId = "DC_survey", createdAt = "2026-11-03T10:00:06Z" } = options;
  return nock(base)
    .post(path, (body: GraphqlBody) => {
      if (!body.query.includes("addDiscussionComment") || body.variables.discussionId !== DISCUSSION_NODE_ID) return false;
      options.bodies?.push(String(body.variables.body));
      return true;
    })
    .reply(200, { data: { addDiscussionComment: { comment: { id: nodeId, databaseId, createdAt } } } });
}

/** Expects the discussion's comments listed by GraphQL (a retry looking for its earlier comment). */
/** The app as GraphQL names a discussion comment's author: a Bot, its login the app's slug. */
export const APP_AUTHOR = { __typename: "Bot", login: "satisfaction-bot" };

export function mockDiscussionComments(
  nodes: { id: string; databaseId: number; createdAt: string; body: string; author?: { __typename: string; login: string } }[],
): nock.Scope {
  return nock(API)
    .post("/graphql", (body: GraphqlBody) => body.query.includes("DiscussionComments") && body.variables.id === DISCUSSION_NODE_ID)
    .reply(200, { data: { node: { comments: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } } } });
}

/** A reaction as GraphQL gives it. */
export function graphqlReaction(content: string, user: { id: number } | null, createdAt = "2026-11-03T12:00:00Z") {
  return { content, createdAt, user: user && { databaseId: user.id } };
}

/** Expects one read of the survey comment's reactions by GraphQL: `reactions`, or the comment gone (`node: null`). */
export function mockDiscussionReactions(commentNodeId: string, reactions: unknown[] | null): nock.Scope {
  const node = reactions === null ? null : { reactions: { nodes: reactions, pageInfo: { hasNextPage: false, endCursor: null } } };
  return nock(API)
    .post("/graphql", (body: GraphqlBody) => body.query.includes("DiscussionCommentReactions") && body.variables.id === commentNodeId)
    .reply(200, { data: { node } });
}

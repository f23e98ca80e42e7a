import type { Account, Comment, Discussion, GitHubState, Issue } from "./state.js";
import { commentJson, discussionJson, issueJson, repositoryJson } from "./shapes.js";

/** A webhook GitHub sends: its event name (X-GitHub-Event) and payload. */
export type Webhook = { event: string; payload: Record<string, unknown> };

export const INSTALLATION_ID = 4_242;

const sender = ({ login, id, type }: Account): Account => ({ login, id, type });

/** What every repository event carries: the repository, the installation, who acted. */
export const envelope = (state: GitHubState, by: Account) => ({
  repository: repositoryJson(state),
  installation: { id: INSTALLATION_ID },
  sender: sender(by),
});

export const issueEvent = (
  state: GitHubState,
  action: string,
  issue: Issue,
  by: Account,
  extra: Record<string, unknown> = {},
): Webhook => ({
  event: "issues",
  payload: { action, issue: issueJson(state, issue), ...envelope(state, by), ...extra },
});

export const issueCommentEvent = (state: GitHubState, issue: Issue, comment: Comment): Webhook => ({
  event: "issue_comment",
  payload: { action: "created", issue: issueJson(state, issue), comment: commentJson(state, comment), ...envelope(state, comment.user) },
});

export const discussionEvent = (
  state: GitHubState,
  action: string,
  discussion: Discussion,
  by: Account,
  extra: Record<string, unknown> = {},
): Webhook => ({
  event: "discussion",
  payload: { action, discussion: discussionJson(state, discussion), ...envelope(state, by), ...extra },
});

export const discussionCommentEvent = (state: GitHubState, discussion: Discussion, comment: Comment): Webhook => ({
  event: "discussion_comment",
  payload: {
    action: "created",
    discussion: discussionJson(state, discussion),
    comment: commentJson(state, comment),
    ...envelope(state, comment.user),
  },
});

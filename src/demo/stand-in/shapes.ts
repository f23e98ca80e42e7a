import type { Comment, Discussion, GitHubState, Issue } from "./state.js";

/**
 * GitHub's JSON for what the stand-in holds: the shapes its REST answers and the demo's webhook
 * payloads share, as GitHub's own do (the fields the app reads, and the usual ones beside them).
 */
const web = (state: GitHubState) => `https://github.com/${fullName(state)}`;

export const fullName = (state: GitHubState): string => `${state.repository.owner.login}/${state.repository.name}`;

export function repositoryJson(state: GitHubState) {
  const { id, owner, name, stars, defaultBranch } = state.repository;
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: fullName(state),
    private: false,
    owner,
    html_url: web(state),
    default_branch: defaultBranch,
    stargazers_count: stars,
  };
}

export function issueJson(state: GitHubState, issue: Issue) {
  return {
    ...issue,
    id: issue.number + 70_000,
    node_id: `I_${issue.number}`,
    html_url: `${web(state)}/issues/${issue.number}`,
    labels: issue.labels.map((name) => ({ name })),
    locked: false,
  };
}

export function commentJson(state: GitHubState, comment: Comment) {
  const { id, node_id, issue_number, body, user, author_association, created_at, updated_at, performed_via_github_app } = comment;
  return {
    ...{ id, node_id, body, user, author_association, created_at, updated_at, performed_via_github_app },
    html_url: `${web(state)}/issues/${issue_number}#issuecomment-${id}`,
    issue_url: `https://api.github.com/repos/${fullName(state)}/issues/${issue_number}`,
  };
}

export function discussionJson(state: GitHubState, discussion: Discussion) {
  const { number, node_id, title, body, user, author_association, state: open, state_reason, created_at, updated_at } = discussion;
  return {
    ...{ number, node_id, title, body, user, author_association, state: open, state_reason, created_at, updated_at },
    answer_chosen_at: discussion.answer_chosen_at,
    comments: discussion.comments,
    id: number + 80_000,
    html_url: `${web(state)}/discussions/${number}`,
    category: { id: 1, name: "Q&A", slug: "q-a", is_answerable: true },
    locked: false,
  };
}

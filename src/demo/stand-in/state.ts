/**
 * What the demo's GitHub holds: one repository's issues, comments, reactions, discussions, files,
 * check runs and labels. The demo's people act on it (open, comment, react, close), the app's
 * requests read and change it, and every time on it comes from the demo's clock.
 */
export type Account = { login: string; id: number; type: "User" | "Bot" | "Organization" };
export type Reaction = { content: string; user: Account; created_at: string };

export type Issue = {
  number: number;
  title: string;
  body: string;
  user: Account;
  author_association: string;
  labels: string[];
  assignees: Account[];
  state: "open" | "closed";
  state_reason: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  comments: number;
};

export type Comment = {
  id: number;
  node_id: string;
  issue_number: number;
  body: string;
  user: Account;
  author_association: string;
  created_at: string;
  updated_at: string;
  performed_via_github_app: { id: number } | null;
  reactions: Reaction[];
  minimized: boolean;
};

export type Discussion = Omit<Issue, "labels" | "assignees" | "closed_at"> & {
  node_id: string;
  answer_chosen_at: string | null;
  thread: Comment[];
};

export type CheckRun = { id: number; name: string; head_sha: string; conclusion: string; external_id: string; title: string };

export type RepositoryInfo = { id: number; owner: Account; name: string; stars: number; defaultBranch: string; headSha: string };

export type GitHubState = {
  appId: number;
  bot: Account;
  repository: RepositoryInfo;
  issues: Map<number, Issue>;
  comments: Comment[];
  discussions: Map<number, Discussion>;
  files: Map<string, string>;
  checkRuns: CheckRun[];
  /** Webhooks GitHub owes the app for what the app itself did (its comments, labels, issues): the demo delivers them. */
  outbox: { event: string; payload: Record<string, unknown> }[];
  /** What the app did on GitHub, one line each, in order: the demo prints it as it goes. */
  activity: string[];
  /** Requests the stand-in has no route for: printed by the demo, so a gap never hides. */
  unknownRoutes: string[];
  /** Every request, in order (tests count them). */
  requests: { method: string; path: string; query: string }[];
  /** Faults the tests set: a comment created but never answered (a lost answer), or answered late (a slow GitHub). */
  faults: { hangCommentPosts: boolean; commentReplyDelayMs: number };
  clock: () => Date;
  nextId(): number;
  /** Issues, pull requests and discussions share one sequence of numbers, as on GitHub. */
  nextNumber(): number;
};

/** GitHub's timestamps: ISO 8601 to the second. */
export const stamp = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, "Z");

export function createGitHubState(repository: RepositoryInfo, appId: number, clock: () => Date): GitHubState {
  let id = 1_000;
  let number = 0;
  return {
    appId,
    bot: { login: "satisfaction-bot[bot]", id: 9_000_001, type: "Bot" },
    repository,
    issues: new Map(),
    comments: [],
    discussions: new Map(),
    files: new Map(),
    checkRuns: [],
    outbox: [],
    activity: [],
    unknownRoutes: [],
    requests: [],
    faults: { hangCommentPosts: false, commentReplyDelayMs: 0 },
    clock,
    nextId: () => ++id,
    nextNumber: () => ++number,
  };
}

/** An open issue as GitHub creates it now, with the next number of the repository's sequence, kept in the state. */
export function newIssue(
  state: GitHubState,
  user: Account,
  association: string,
  fields: { title: string; body: string; labels: string[] },
): Issue {
  const now = stamp(state.clock());
  const issue: Issue = {
    ...fields,
    number: state.nextNumber(),
    user,
    author_association: association,
    assignees: [],
    state: "open",
    state_reason: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    comments: 0,
  };
  state.issues.set(issue.number, issue);
  return issue;
}

/** A comment as GitHub creates it now, by `user`, on an issue (`IC_` node id) or a discussion (`DC_`); the app's own carry its app id. */
export function newComment(
  state: GitHubState,
  issueNumber: number,
  user: Account,
  association: string,
  body: string,
  on: "issue" | "discussion" = "issue",
): Comment {
  const id = state.nextId();
  const now = stamp(state.clock());
  return {
    id,
    node_id: `${on === "issue" ? "IC" : "DC"}_${id}`,
    issue_number: issueNumber,
    body,
    user,
    author_association: association,
    created_at: now,
    updated_at: now,
    performed_via_github_app: user.id === state.bot.id ? { id: state.appId } : null,
    reactions: [],
    minimized: false,
  };
}

const COMMENT_KINDS: [RegExp, string][] = [
  [/satisfaction-bot:survey:/, "asked the reporter to rate the help"],
  [/satisfaction-bot:answer:/, "answered from the knowledge base"],
  [/satisfaction-bot:follow-up:/, "followed up on the negative rating"],
  [/satisfaction-bot:sla-warning:/, "warned the assignees of the service level"],
];

/** What a comment of the app's is, by its hidden marker. */
export function describeAppComment(body: string): string {
  return COMMENT_KINDS.find(([marker]) => marker.test(body))?.[1] ?? "commented";
}

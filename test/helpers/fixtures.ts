import { createRequire } from "node:module";

/**
 * Webhook payloads built from GitHub's own examples (@octokit/webhooks-examples). The package has
 * no issues.closed example: it is made from issues.reopened, as GitHub's documentation describes.
 */
type Definition = { name: string; examples: Record<string, unknown>[] };
const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples") as Definition[];

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

export function example(event: string, action: string, predicate: (payload: Json) => boolean = () => true): Json {
  const found = definitions
    .find((definition) => definition.name === event)
    ?.examples.find((payload) => payload.action === action && predicate(payload));
  if (!found) throw new Error(`no ${event}.${action} example in @octokit/webhooks-examples`);
  return clone(found);
}

/** Every example of an event, whatever its action. */
export function examples(event: string): Json[] {
  return clone(definitions.find((definition) => definition.name === event)?.examples ?? []);
}

export const INSTALLATION_ID = 4242;
export const REPORTER = { login: "octo-user", id: 5_550_001, type: "User" };
export const MAINTAINER = { login: "Codertocat", id: 21_031_067, type: "User" };

type IssueOptions = {
  number?: number;
  reporter?: { login: string; id: number; type: string };
  association?: string;
  createdAt?: string;
  closedAt?: string;
  updatedAt?: string;
  stateReason?: string | null;
  locked?: boolean;
  labels?: string[];
  installationId?: number | null;
  repository?: { id: number; full_name: string; private?: boolean };
};

/** An issues.<action> payload for an issue opened by `reporter` (an outside user by default). */
export function issuesPayload(action: "opened" | "closed" | "reopened" | "deleted" | "transferred", options: IssueOptions = {}): Json {
  const payload = example("issues", "reopened");
  const issue = payload.issue as Json;
  const closed = action === "closed";
  const createdAt = options.createdAt ?? "2026-11-02T10:00:00Z";
  const closedAt = options.closedAt ?? "2026-11-03T10:00:00Z";
  Object.assign(issue, {
    number: options.number ?? 1,
    user: { ...(issue.user as Json), ...(options.reporter ?? REPORTER) },
    author_association: options.association ?? "NONE",
    state: closed ? "closed" : "open",
    state_reason: closed
      ? options.stateReason === undefined
        ? "completed"
        : options.stateReason
      : action === "reopened"
        ? "reopened"
        : null,
    locked: options.locked ?? false,
    labels: (options.labels ?? []).map((name, index) => ({ id: index + 1, name })),
    created_at: createdAt,
    closed_at: closed ? closedAt : null,
    updated_at: options.updatedAt ?? (closed ? closedAt : createdAt),
  });
  payload.action = action;
  if (options.repository) Object.assign(payload.repository as Json, options.repository);
  if (options.installationId === null) delete payload.installation;
  else payload.installation = { id: options.installationId ?? INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return payload;
}

type CommentOptions = IssueOptions & {
  commentId?: number;
  commenter?: { login: string; id: number; type: string };
  commenterAssociation?: string;
  commentedAt?: string;
  pullRequest?: boolean;
};

/** An issue_comment.<action> payload on an issue opened by `reporter`. */
export function commentPayload(action: "created" | "deleted", options: CommentOptions = {}): Json {
  const payload = example("issue_comment", action, (candidate) => Boolean(candidate.installation) || action === "deleted");
  const issuePart = issuesPayload("opened", options);
  const issue = { ...(issuePart.issue as Json) };
  if (options.pullRequest) issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
  const comment = payload.comment as Json;
  Object.assign(comment, {
    id: options.commentId ?? 77_001,
    user: { ...(comment.user as Json), ...(options.commenter ?? MAINTAINER) },
    author_association: options.commenterAssociation ?? "OWNER",
    created_at: options.commentedAt ?? "2026-11-02T12:00:00Z",
    performed_via_github_app: null,
  });
  return { ...payload, action, issue, repository: issuePart.repository, installation: issuePart.installation };
}

/** What GitHub lists on a comment, issue or check run this app made (the test Probot's app id is 1, test/helpers/app.ts). */
export const BY_THIS_APP = { performed_via_github_app: { id: 1 } };
export const CHECK_RUN_OF_THIS_APP = { app: { id: 1 } };
/** Another GitHub App's, as a different installed app would show. */
export const BY_ANOTHER_APP = { performed_via_github_app: { id: 99 } };

/** The app's own account, as the author of the survey comments it posts. */
export const APP_BOT = { login: "satisfaction-bot[bot]", id: 1, type: "Bot" };

/**
 * An issue_comment.<action> payload on the issue, repository and installation of an issues.<action>
 * payload (for a comment on a closed issue, say): GitHub sends the issue as it is when commented on.
 */
export function commentOnIssuePayload(action: "created" | "deleted", issuesEvent: Json, options: CommentOptions = {}): Json {
  const payload = commentPayload(action, options);
  const issue = clone(issuesEvent.issue as Json);
  if (options.pullRequest) issue.pull_request = (payload.issue as Json).pull_request;
  const { repository, installation } = clone(issuesEvent);
  const result: Json = { ...payload, issue, repository };
  if (installation === undefined) delete result.installation;
  else result.installation = installation;
  return result;
}

/**
 * GitHub's issues.transferred example, sent from the old repository, given an installation. The
 * moved issue is the example's unless `issuesEvent` gives one (with its repository); it becomes
 * number `newNumber` (the example's changes.new_issue.number by default) in changes.new_repository.
 */
export function issueTransferredPayload(options: { issuesEvent?: Json; newNumber?: number; installationId?: number } = {}): Json {
  const payload = example("issues", "transferred");
  if (options.issuesEvent) {
    payload.issue = clone(options.issuesEvent.issue);
    payload.repository = clone(options.issuesEvent.repository);
  }
  const changes = payload.changes as { new_issue: Json; new_repository: Json };
  if (options.newNumber !== undefined) changes.new_issue.number = options.newNumber;
  payload.installation = { id: options.installationId ?? INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return payload;
}

/** An issues.labeled / unlabeled payload (from GitHub's example) for `label`, changed at `at`, on the issue of `options`. */
export function labelPayload(action: "labeled" | "unlabeled", label: string, at: string, options: IssueOptions = {}): Json {
  const payload = example("issues", action);
  const issuePart = issuesPayload("opened", { ...options, updatedAt: at });
  return {
    ...payload,
    action,
    label: { ...(payload.label as Json), name: label },
    issue: issuePart.issue,
    repository: issuePart.repository,
    installation: issuePart.installation,
  };
}

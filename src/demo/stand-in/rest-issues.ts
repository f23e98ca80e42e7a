import { issueCommentEvent, issueEvent } from "./events.js";
import type { Reply, Request, Route } from "./rest-reply.js";
import { notFound, ok, REPO } from "./rest-reply.js";
import { commentJson, issueJson } from "./shapes.js";
import type { GitHubState, Issue } from "./state.js";
import { describeAppComment, newComment, newIssue, stamp } from "./state.js";

const since = <T extends { updated_at: string }>(items: T[], query: URLSearchParams): T[] => {
  const from = query.get("since");
  return from ? items.filter((item) => item.updated_at >= from) : items;
};

function listIssues(state: GitHubState, query: URLSearchParams): Reply {
  const wanted = query.get("state") ?? "open";
  const field = query.get("sort") === "created" ? "created_at" : "updated_at";
  const issues = since([...state.issues.values()], query)
    .filter((issue) => wanted === "all" || issue.state === wanted)
    .sort((a, b) => a[field].localeCompare(b[field]) || a.number - b.number);
  if (query.get("direction") === "desc") issues.reverse();
  return ok(issues.map((issue) => issueJson(state, issue)));
}

function createIssue(state: GitHubState, body: Request["body"]): Reply {
  const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
  const issue = newIssue(state, state.bot, "NONE", { title: String(body.title ?? ""), body: String(body.body ?? ""), labels });
  state.activity.push(`#${issue.number} opened: ${issue.title}`);
  state.outbox.push(issueEvent(state, "opened", issue, state.bot));
  return ok(issueJson(state, issue), 201);
}

function updateIssue(state: GitHubState, issue: Issue, body: Request["body"]): Reply {
  const now = stamp(state.clock());
  if (body.state === "closed" && issue.state === "open") {
    Object.assign(issue, { state: "closed", closed_at: now });
    state.activity.push(`#${issue.number} closed`);
    state.outbox.push(issueEvent(state, "closed", issue, state.bot));
  }
  if (typeof body.state_reason === "string") issue.state_reason = body.state_reason;
  issue.updated_at = now;
  return ok(issueJson(state, issue));
}

function postComment(state: GitHubState, issue: Issue, body: Request["body"]): Reply {
  const comment = newComment(state, issue.number, state.bot, "NONE", String(body.body ?? ""));
  state.comments.push(comment);
  issue.comments += 1;
  issue.updated_at = comment.created_at;
  state.activity.push(`#${issue.number} ${describeAppComment(comment.body)}`);
  state.outbox.push(issueCommentEvent(state, issue, comment));
  const { hangCommentPosts, commentReplyDelayMs } = state.faults;
  return { ...ok(commentJson(state, comment), 201), hold: hangCommentPosts ? "forever" : commentReplyDelayMs };
}

const issueOf = (state: GitHubState, number: string | undefined) => state.issues.get(Number(number));
const reactionsOf = (state: GitHubState, id: string | undefined) => state.comments.find((comment) => comment.id === Number(id));

/** The REST routes the app calls (checked against GitHub's REST reference), on the one repository. */
/** The issue routes the app calls: listings, an issue, its comments, labels and a comment's reactions. */
export const issueRoutes: Route[] = [
  ["GET", new RegExp(`^${REPO}/issues$`), (state, _m, { query }) => listIssues(state, query)],
  ["POST", new RegExp(`^${REPO}/issues$`), (state, _m, { body }) => createIssue(state, body)],
  [
    "GET",
    new RegExp(`^${REPO}/issues/comments$`),
    (state, _m, { query }) => ok(since(state.comments, query).map((c) => commentJson(state, c))),
  ],
  [
    "GET",
    new RegExp(`^${REPO}/issues/comments/(\\d+)/reactions$`),
    (state, m) => {
      const comment = reactionsOf(state, m[1]);
      return comment ? ok(comment.reactions.map((reaction, index) => ({ id: comment.id * 100 + index, ...reaction }))) : notFound;
    },
  ],
  [
    "GET",
    new RegExp(`^${REPO}/issues/(\\d+)$`),
    (state, m) => {
      const issue = issueOf(state, m[1]);
      return issue ? ok(issueJson(state, issue)) : notFound;
    },
  ],
  [
    "PATCH",
    new RegExp(`^${REPO}/issues/(\\d+)$`),
    (state, m, { body }) => {
      const issue = issueOf(state, m[1]);
      return issue ? updateIssue(state, issue, body) : notFound;
    },
  ],
  [
    "GET",
    new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    (state, m) => ok(state.comments.filter((c) => c.issue_number === Number(m[1])).map((c) => commentJson(state, c))),
  ],
  [
    "POST",
    new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    (state, m, { body }) => {
      const issue = issueOf(state, m[1]);
      return issue ? postComment(state, issue, body) : notFound;
    },
  ],
  [
    "POST",
    new RegExp(`^${REPO}/issues/(\\d+)/labels$`),
    (state, m, { body }) => {
      const issue = issueOf(state, m[1]);
      if (!issue) return notFound;
      const labels = (Array.isArray(body.labels) ? body.labels.map(String) : []).filter((label) => !issue.labels.includes(label));
      issue.labels = [...issue.labels, ...labels];
      for (const name of labels) {
        state.activity.push(`#${issue.number} labelled ${name}`);
        state.outbox.push(issueEvent(state, "labeled", issue, state.bot, { label: { name } }));
      }
      return ok(issue.labels.map((name) => ({ name })));
    },
  ],
  [
    "DELETE",
    new RegExp(`^${REPO}/issues/(\\d+)/labels/(.+)$`),
    (state, m) => {
      const issue = issueOf(state, m[1]);
      const name = decodeURIComponent(m[2] ?? "");
      if (!issue?.labels.includes(name)) return notFound;
      issue.labels = issue.labels.filter((label) => label !== name);
      state.activity.push(`#${issue.number} label ${name} removed`);
      state.outbox.push(issueEvent(state, "unlabeled", issue, state.bot, { label: { name } }));
      return ok(issue.labels.map((label) => ({ name: label })));
    },
  ],
];

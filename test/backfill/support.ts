import nock from "nock";
import { pino } from "pino";
import { backfillWindow, queueBackfill } from "../../src/backfill/queue-backfill.js";
import type { Db } from "../../src/db/types.js";
import { workRegistry } from "../../src/work/registry.js";
import { workDue } from "../../src/work/work-due.js";
import { API, createTestProbot, mockToken } from "../helpers/app.js";
import { example, INSTALLATION_ID, issuesPayload, MAINTAINER, REPORTER } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";

/** Shared by the backfill tests: GitHub's listings (built from its example payloads), the scenario, and the rows to check. */
type Json = Record<string, unknown>;
type Person = { login: string; id: number; type: string };

export const log = pino({ level: "silent" });
export const REPO = { id: 186_853_002, full_name: "Codertocat/Hello-World", private: false };
export const REPO_PATH = `/repos/${REPO.full_name}`;
/** The instant the backfill is queued at: 90 days back is 2026-09-01T12:00:00Z. */
export const NOW = new Date("2026-11-30T12:00:00Z");
export const SINCE = "2026-09-01T12:00:00Z";
export const HELPER: Person = { login: "helpful-user", id: 5_550_007, type: "User" };
export const BOT: Person = { login: "ci-bot[bot]", id: 5_550_099, type: "Bot" };

type IssueSpec = { number: number; reporter?: Person; association?: string; createdAt: string; updatedAt: string; closedAt?: string };

/** An issue as GitHub's REST listing shows it (the webhook example's issue, which has the same shape). */
export function restIssue(spec: IssueSpec & { labels?: string[]; comments: number; title?: string; pullRequest?: boolean }): Json {
  const action = spec.closedAt ? "closed" : "opened";
  const issue = issuesPayload(action, { ...spec, labels: spec.labels ?? [] }).issue as Json;
  Object.assign(issue, { comments: spec.comments, title: spec.title ?? `Issue ${spec.number}` });
  if (spec.pullRequest) issue.pull_request = { url: `https://api.github.com${REPO_PATH}/pulls/${spec.number}` };
  else delete issue.pull_request;
  return issue;
}

/** A comment as GitHub's REST listings show it (the webhook example's comment), on issue `issue`. */
export function restComment(id: number, issue: number, by: Person, association: string, createdAt: string, updatedAt = createdAt): Json {
  const comment = structuredClone(example("issue_comment", "created", (payload) => Boolean(payload.installation)).comment as Json);
  return Object.assign(comment, {
    id,
    issue_url: `https://api.github.com${REPO_PATH}/issues/${issue}`,
    user: { ...(comment.user as Json), ...by },
    author_association: association,
    created_at: createdAt,
    updated_at: updatedAt,
    performed_via_github_app: null,
    body: "never stored",
  });
}

type PageOptions = { next?: boolean; headers?: Record<string, string>; status?: number; repoPath?: string };

function listing(path: string, query: Json, items: Json[], options: PageOptions = {}): nock.Scope {
  const headers: Record<string, string> = { ...options.headers };
  if (options.next) headers.link = `<${API}${path}?page=${Number(query.page) + 1}>; rel="next"`;
  const body: unknown = options.status ? { message: "injected" } : items;
  return nock(API)
    .get(path)
    .query({ ...query, per_page: 100 })
    .reply(options.status ?? 200, body as nock.Body, headers);
}

/** Expects one page of the repository's issues updated since `since`. */
export const issuesPage = (since: string, page: number, items: Json[], options?: PageOptions) =>
  listing(`${options?.repoPath ?? REPO_PATH}/issues`, { state: "all", sort: "updated", direction: "asc", since, page }, items, options);

/** Expects one page of the repository's issue comments updated since `since`. */
export const commentsPage = (since: string, page: number, items: Json[], options?: PageOptions) =>
  listing(`${options?.repoPath ?? REPO_PATH}/issues/comments`, { sort: "updated", direction: "asc", since, page }, items, options);

/** Expects one page of one issue's comments. */
export const issueCommentsPage = (issue: number, page: number, items: Json[], options?: PageOptions) =>
  listing(`${REPO_PATH}/issues/${issue}/comments`, { page }, items, options);

/**
 * The scenario, in Codertocat/Hello-World, backfilled since 2026-09-01T12:00:00Z:
 *
 *   #1 octo-user, opened 10-01, closed 10-05 [bug]; comments: the reporter's (c101), a bot's (c102),
 *      helpful-user's (c104, the first response by anyone, 10-02), Codertocat's as MEMBER (c105, the
 *      first response, 10-03)
 *   #2 a pull request, with Codertocat's comment c103: skipped
 *   #3 octo-user, opened 06-01 (before the window), updated 10-10: Codertocat answered 06-02 (c090,
 *      listed only with the issue's own comments), the reporter 06-03 (c091), Codertocat again 10-09 (c106)
 *   #4 Codertocat as OWNER, opened 11-01, no comments
 *
 * Issues: two pages; comments: two pages (the second lists c102 again: it sits at the edge); then #3's comments
 * (which repeat c106).
 */
export const SCENARIO = {
  issues1: [
    restIssue({
      number: 1,
      createdAt: "2026-10-01T10:00:00Z",
      closedAt: "2026-10-05T10:00:00Z",
      updatedAt: "2026-10-05T10:00:00Z",
      labels: ["bug"],
      comments: 4,
    }),
    restIssue({ number: 2, createdAt: "2026-10-06T09:00:00Z", updatedAt: "2026-10-06T10:00:00Z", comments: 1, pullRequest: true }),
  ],
  issues2: [
    restIssue({ number: 3, createdAt: "2026-06-01T10:00:00Z", updatedAt: "2026-10-10T10:00:00Z", comments: 3 }),
    restIssue({
      number: 4,
      reporter: MAINTAINER,
      association: "OWNER",
      createdAt: "2026-11-01T10:00:00Z",
      updatedAt: "2026-11-01T10:00:00Z",
      comments: 0,
    }),
  ],
  comments1: [
    restComment(101, 1, REPORTER, "NONE", "2026-10-01T11:00:00Z"),
    restComment(103, 2, MAINTAINER, "OWNER", "2026-10-01T12:00:00Z"),
    restComment(102, 1, BOT, "NONE", "2026-10-01T13:00:00Z"),
  ],
  comments2: [
    restComment(102, 1, BOT, "NONE", "2026-10-01T13:00:00Z"),
    restComment(104, 1, HELPER, "NONE", "2026-10-02T09:00:00Z"),
    restComment(105, 1, MAINTAINER, "MEMBER", "2026-10-03T09:00:00Z"),
    restComment(106, 3, MAINTAINER, "MEMBER", "2026-10-09T09:00:00Z"),
  ],
  older3: [
    restComment(90, 3, MAINTAINER, "MEMBER", "2026-06-02T10:00:00Z"),
    restComment(91, 3, REPORTER, "NONE", "2026-06-03T10:00:00Z"),
    restComment(106, 3, MAINTAINER, "MEMBER", "2026-10-09T09:00:00Z"),
  ],
};

/** The `since` of each page after the first: a second before the last item's update on the page before. */
export const EDGE = { issues2: "2026-10-06T09:59:59Z", comments2: "2026-10-01T12:59:59Z" };

/** Expects the scenario's backfill, page by page: its first `pages` pages (all five by default). */
export function mockScenario(pages = 5): void {
  const mocks = [
    () => issuesPage(SINCE, 1, SCENARIO.issues1, { next: true }),
    () => issuesPage(EDGE.issues2, 1, SCENARIO.issues2),
    () => commentsPage(SINCE, 1, SCENARIO.comments1, { next: true }),
    () => commentsPage(EDGE.comments2, 1, SCENARIO.comments2),
    () => issueCommentsPage(3, 1, SCENARIO.older3),
  ];
  for (const mock of mocks.slice(0, pages)) mock();
}

/** GitHub's rate-limit headers saying only `remaining` of 5000 requests are left until `resetEpochSeconds`. */
export const lowRateLimit = (resetEpochSeconds: number, remaining = 1) => ({
  "x-ratelimit-remaining": String(remaining),
  "x-ratelimit-limit": "5000",
  "x-ratelimit-reset": String(resetEpochSeconds),
});

/** What the scenario leaves in `issues`, issue by issue. */
export const SCENARIO_ISSUES = [
  {
    number: 1,
    reporter_login: REPORTER.login,
    state: "closed",
    labels: ["bug"],
    title: "Issue 1",
    opened_at: new Date("2026-10-01T10:00:00Z"),
    closed_at: new Date("2026-10-05T10:00:00Z"),
    first_response_at: new Date("2026-10-03T09:00:00Z"),
    first_responder_login: MAINTAINER.login,
    first_responder_id: MAINTAINER.id,
    first_any_response_at: new Date("2026-10-02T09:00:00Z"),
    reporter_comments: 1,
    bot_comments: 1,
    others_commented: true,
  },
  {
    number: 3,
    reporter_login: REPORTER.login,
    state: "open",
    labels: [],
    title: "Issue 3",
    opened_at: new Date("2026-06-01T10:00:00Z"),
    closed_at: null,
    first_response_at: new Date("2026-06-02T10:00:00Z"),
    first_responder_login: MAINTAINER.login,
    first_responder_id: MAINTAINER.id,
    first_any_response_at: new Date("2026-06-02T10:00:00Z"),
    reporter_comments: 1,
    bot_comments: 0,
    others_commented: true,
  },
  {
    number: 4,
    reporter_login: MAINTAINER.login,
    state: "open",
    labels: [],
    title: "Issue 4",
    opened_at: new Date("2026-11-01T10:00:00Z"),
    closed_at: null,
    first_response_at: null,
    first_responder_login: null,
    first_responder_id: null,
    first_any_response_at: null,
    reporter_comments: 0,
    bot_comments: 0,
    others_commented: false,
  },
];

export const issueRows = (db: Db) =>
  rowsOf(
    db,
    `SELECT number, reporter_login, state, labels, title, opened_at, closed_at, first_response_at, first_responder_login,
       first_responder_id, first_any_response_at, reporter_comments, bot_comments, others_commented
     FROM issues ORDER BY number`,
  );

export const runRows = (db: Db) =>
  rowsOf(db, "SELECT repository_id, status, since, issues, comments, phase FROM backfill_runs ORDER BY id");

export const workRows = (db: Db) => rowsOf(db, "SELECT kind, key, state, run_at, attempts, last_error FROM work ORDER BY id");

/** The repository (see seedRepository) with its backfill queued at NOW, 90 days back. */
export async function startBackfill(db: Db): Promise<void> {
  await seedRepository(db);
  await queueBackfill(db, INSTALLATION_ID, [REPO.id], backfillWindow(NOW, 90));
}

/** Seeds the installation (first seen at `firstSeen`) and its repository. */
export async function seedRepository(db: Db, firstSeen = NOW): Promise<void> {
  await db.query("INSERT INTO installations (id, account_login, account_type, created_at) VALUES ($1, 'Codertocat', 'User', $2)", [
    INSTALLATION_ID,
    firstSeen,
  ]);
  await db.query("INSERT INTO repositories (installation_id, id, full_name, private) VALUES ($1, $2, $3, false)", [
    INSTALLATION_ID,
    REPO.id,
    REPO.full_name,
  ]);
}

/** Runs the due work at `at`, as the minute's sweep does, with the test Probot's installation client. */
export function sweepAt(db: Db, at: Date, probot = createTestProbot()) {
  return workDue({ db, log, kinds: workRegistry }, (installationId) => probot.auth(installationId), at);
}

/** Sweeps at `at` until no due work is left (a claim reads a few pages, then the work is due again at once). */
export async function sweepUntilIdle(db: Db, at: Date, probot = createTestProbot()): Promise<number> {
  let sweeps = 0;
  while ((await sweepAt(db, at, probot)).worked > 0) {
    if (++sweeps > 20) throw new Error("the backfill never ends");
  }
  return sweeps;
}

export { mockToken };

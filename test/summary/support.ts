import nock from "nock";
import { pino } from "pino";
import type { Probot } from "probot";
import type { Db, Queryable } from "../../src/db/types.js";
import { defaultConfig } from "../../src/config/schema.js";
import { POST_SUMMARY } from "../../src/queries/summaries.js";
import { serviceSettingsOf } from "../../src/service-levels/response-times.js";
import type { SummarySubject } from "../../src/summary/gather.js";
import type { SummaryDeps } from "../../src/summary/sweep-summaries.js";
import { planSummaries } from "../../src/summary/sweep-summaries.js";
import { workRegistry } from "../../src/work/registry.js";
import { countOf, workDue } from "../../src/work/work-due.js";
import { API, createTestProbot, mockToken } from "../helpers/app.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";

/** Shared by the summary suites: rows written straight into the tables, a sweep, GitHub mocks. */

export const log = pino({ level: "silent" });
export const REPO = { id: 700, fullName: "o/r" };
export const at = (iso: string) => new Date(iso);

/** One repository's summary subject with the default settings (reporters as market demand, the calendar clock). */
export function repositorySubject(repository: { id: number; full_name: string }): SummarySubject {
  return {
    installationId: INSTALLATION_ID,
    name: repository.full_name,
    repositories: [{ id: repository.id, fullName: repository.full_name, stargazers: null }],
    marketDemand: "reporters",
    service: serviceSettingsOf(defaultConfig.service_levels),
  };
}

type RepositorySeed = {
  id: number;
  fullName: string;
  installationId?: number;
  private?: boolean;
  defaultBranch?: string | null;
  /** The installation's account: a User by default, so no organisation summary is looked for. */
  account?: { login: string; type: "User" | "Organization"; config?: unknown };
};

/** An installation (when new) and one of its repositories. */
export async function seedRepository(db: Queryable, repo: RepositorySeed = REPO): Promise<void> {
  const installationId = repo.installationId ?? INSTALLATION_ID;
  const account = repo.account ?? { login: repo.fullName.split("/")[0] ?? "o", type: "User" };
  await db.query(
    `INSERT INTO installations (id, account_login, account_type, organization_config, organization_config_loaded_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $4::jsonb IS NULL THEN NULL ELSE now() END) ON CONFLICT (id) DO NOTHING`,
    [installationId, account.login, account.type, account.config === undefined ? null : JSON.stringify(account.config)],
  );
  await db.query("INSERT INTO repositories (installation_id, id, full_name, private, default_branch) VALUES ($1, $2, $3, $4, $5)", [
    installationId,
    repo.id,
    repo.fullName,
    repo.private ?? false,
    repo.defaultBranch ?? null,
  ]);
}

/** A repository's configuration as the app keeps it: fresh (read within the hour) unless `stale`. */
export async function storeConfig(
  db: Queryable,
  config: unknown,
  options: { repositoryId?: number; installationId?: number; stale?: boolean } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at)
     VALUES ($1, $2, $3, now() - CASE WHEN $4 THEN interval '2 hours' ELSE interval '0' END)`,
    [options.installationId ?? INSTALLATION_ID, options.repositoryId ?? REPO.id, JSON.stringify(config), options.stale ?? false],
  );
}

export type IssueSeed = {
  number: number;
  reporter: number;
  openedAt: string;
  closedAt?: string;
  outcome?: "pending" | "positive" | "negative" | "neutral";
  title?: string;
  labels?: string[];
  firstResponseAt?: string;
  firstResponder?: string;
  repositoryId?: number;
  installationId?: number;
};

/** A support issue (outside reporter); with an outcome, its survey and experience closed at `closedAt`. */
export async function seedIssue(db: Queryable, issue: IssueSeed): Promise<void> {
  const key = [issue.installationId ?? INSTALLATION_ID, issue.repositoryId ?? REPO.id, issue.number];
  const closedAt = issue.closedAt ? new Date(issue.closedAt) : null;
  await db.query(
    `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type, author_association,
       labels, state, state_reason, opened_at, closed_at, first_response_at, first_responder_login, state_changed_at, title)
     VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6, $7, $8, $9::timestamptz, $10::timestamptz, $11, $12,
       COALESCE($10::timestamptz, $9::timestamptz), $13)`,
    [
      ...key,
      issue.reporter,
      `user-${issue.reporter}`,
      issue.labels ?? [],
      closedAt ? "closed" : "open",
      closedAt ? "completed" : null,
      new Date(issue.openedAt),
      closedAt,
      issue.firstResponseAt ? new Date(issue.firstResponseAt) : null,
      issue.firstResponder ?? null,
      issue.title ?? `Issue ${issue.number}`,
    ],
  );
  if (!issue.outcome || !closedAt) return;
  const pending = issue.outcome === "pending";
  const survey = await db.query<{ id: number }>(
    `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status, comment_id,
       asked_at, window_ends_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $4, $4::timestamptz + interval '14 days', $9) RETURNING id`,
    [
      ...key,
      closedAt,
      issue.reporter,
      `user-${issue.reporter}`,
      pending ? "asked" : "answered",
      90_000 + issue.number,
      pending ? null : closedAt,
    ],
  );
  if (pending) {
    // Its reactions are read next long after any sweep of these tests.
    await db.query(
      `INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
       VALUES ($1, $2, 'survey.read', $3, $4, 'pending', '2099-01-01T00:00:00Z')`,
      [key[0], key[1], String(survey.rows[0]?.id), JSON.stringify({ issueNumber: issue.number })],
    );
  }
  await db.query(
    `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [...key, survey.rows[0]?.id, issue.reporter, closedAt, issue.outcome, pending ? null : closedAt],
  );
}

/**
 * o/r around ISO week 2026-W47 (Monday 2026-11-16 to Sunday 2026-11-22, UTC), worked out by hand:
 *
 * W46: #1 negative, #2 positive (closed 23:59:59 on Sunday): total 2, repeat 0, demand 2
 *      satisfaction 0/2 = 0.0 %, loyalty 1/2 = 50.0 %, business opportunity 0.00
 * W47: #3 positive (closed at 00:00 Monday), #4 positive, #5 negative (reporter 13 again: a repeat),
 *      #6 neutral (closed 23:59:59 Sunday), #7 pending: total 4, repeat 1, demand 4 (13, 14, 15, 16)
 *      satisfaction (2 − 1)/4 = 25.0 %, loyalty (2 + 1)/(4 + 1) = 60.0 %, BO 0.25 × 0.6 × 4 = 0.60
 *      support issues closed 5, responded 2 (#4 after 1 d, #5 after 3 h): response rate 40.0 %,
 *      time to first response median 13 h 30 min
 * W48: #8 positive, closed at 00:00 on Monday 2026-11-23: not in W47.
 */
export async function seedWeek47(db: Queryable, repositoryId = REPO.id): Promise<void> {
  const issues: IssueSeed[] = [
    {
      number: 1,
      reporter: 11,
      openedAt: "2026-11-09T08:00:00Z",
      closedAt: "2026-11-11T08:00:00Z",
      outcome: "negative",
      title: "Login loops",
    },
    { number: 2, reporter: 12, openedAt: "2026-11-12T08:00:00Z", closedAt: "2026-11-15T23:59:59Z", outcome: "positive" },
    { number: 3, reporter: 13, openedAt: "2026-11-10T08:00:00Z", closedAt: "2026-11-16T00:00:00Z", outcome: "positive", labels: ["bug"] },
    {
      number: 4,
      reporter: 14,
      openedAt: "2026-11-15T08:00:00Z",
      closedAt: "2026-11-17T08:00:00Z",
      outcome: "positive",
      labels: ["question"],
      firstResponseAt: "2026-11-16T08:00:00Z",
      firstResponder: "maint-a",
    },
    {
      number: 5,
      reporter: 13,
      openedAt: "2026-11-16T09:00:00Z",
      closedAt: "2026-11-18T09:00:00Z",
      outcome: "negative",
      title: "Crash when saving",
      labels: ["bug"],
      firstResponseAt: "2026-11-16T12:00:00Z",
      firstResponder: "maint-b",
    },
    { number: 6, reporter: 15, openedAt: "2026-11-19T00:00:00Z", closedAt: "2026-11-22T23:59:59Z", outcome: "neutral" },
    { number: 7, reporter: 16, openedAt: "2026-11-20T00:00:00Z", closedAt: "2026-11-21T00:00:00Z", outcome: "pending" },
    { number: 8, reporter: 17, openedAt: "2026-11-20T00:00:00Z", closedAt: "2026-11-23T00:00:00Z", outcome: "positive" },
  ];
  for (const issue of issues) await seedIssue(db, { ...issue, repositoryId });
}

/** 2026-W47's satisfaction, 25.0 %, is below the default threshold of 0.5: the summary opens with an alert. */
export const WEEK47_ALERT = "> [!CAUTION]\n> **Satisfaction 25.0 % is below the target of 50.0 %.**";

/**
 * Satisfaction moved from 0.0 % (W46's 1 positive, 1 negative): a move from zero, which no relative
 * change outranks; business opportunity and response rate also moved from 0, later in the table.
 */
export const WEEK47_HEADLINE = [
  "**Satisfaction 25.0 %** (+25.0 pts) · **Loyalty 60.0 %** (+10.0 pts) · **Business opportunity 0.60** (+0.60)",
  "Biggest change: satisfaction +25.0 pts against the previous week (from 0.0 %)",
  "Experiences: 2 positive / 1 negative / 1 neutral / 1 pending",
  "<sub>o/r · 2026-11-16 to 2026-11-22 · changes against the previous week (2026-11-09 to 2026-11-15)</sub>",
].join("\n\n");

/**
 * Sweep dependencies acting as the test Probot's installations. Each token is taken here, once
 * (Probot caches it per instance), so a sweep that finds nothing due makes no request at all;
 * `installationsAsked` records every octokitFor call.
 */
export async function summaryDeps(db: Db, installations: number[] = [INSTALLATION_ID], probot: Probot = createTestProbot()) {
  for (const id of installations) {
    mockToken(API, id);
    await (await probot.auth(id)).auth({ type: "installation" });
  }
  const installationsAsked: number[] = [];
  const deps: SummaryDeps = {
    db,
    log,
    octokitFor: async (id) => {
      installationsAsked.push(id);
      return probot.auth(id);
    },
  };
  return { deps, installationsAsked };
}

export type SweepTally = { posted: number; failed: number };

/**
 * What the scheduler does for summaries at `now`: plans the due ones, then works every due piece of
 * work (posting them, and retrying earlier failed posts). `failed`: repositories whose planning
 * failed, and posts that failed (to be retried, or for good).
 */
export async function sweepSummaries(deps: SummaryDeps, now: Date): Promise<SweepTally> {
  const planned = await planSummaries(deps, now);
  const tally = await workDue({ db: deps.db, log: deps.log, kinds: workRegistry }, deps.octokitFor, now);
  const failedPosts = countOf(tally, POST_SUMMARY, "retry") + countOf(tally, POST_SUMMARY, "failed");
  return { posted: countOf(tally, POST_SUMMARY, "posted"), failed: planned.failed + failedPosts };
}

export type IssueRequest = { title: string; body: string; labels: string[] };

/** Expects one issue created in `fullName`, answered as number `number`; its request body lands in `into`. */
export function expectIssue(fullName: string, number: number, into: IssueRequest[], optional = false): nock.Scope {
  return nock(API)
    .post(`/repos/${fullName}/issues`, (body: IssueRequest) => {
      into.push(body);
      return true;
    })
    .optionally(optional)
    .reply(201, { number });
}

/** Expects the issue `number` closed as completed. */
export function expectClose(fullName: string, number: number): nock.Scope {
  return nock(API).patch(`/repos/${fullName}/issues/${number}`, { state: "closed", state_reason: "completed" }).reply(200, { number });
}

/** A stored summary and the work of posting it: the work's columns are null once it is done (done work is deleted). */
export type SummaryRow = {
  scope: string;
  target_repository_id: number;
  period_key: string;
  output: string;
  status: string;
  github_number: number | null;
  posted_at: Date | null;
  work_state: string | null;
  attempts: number | null;
  run_at: Date | null;
  locked_until: Date | null;
  last_error: string | null;
};

export async function summaryRows(db: Queryable): Promise<SummaryRow[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT s.scope, s.target_repository_id, s.period_key, s.output, s.status, s.github_number, s.posted_at,
       w.state AS work_state, w.attempts, w.run_at, w.locked_until, w.last_error
     FROM summaries s LEFT JOIN work w ON w.installation_id = s.installation_id AND w.kind = $1 AND w.key = s.id::text
     ORDER BY s.id`,
    [POST_SUMMARY],
  );
  return rows;
}

/** Serves `.github/satisfaction.yml` of `fullName` as Probot's config plugin reads it (raw, the path one %2F-encoded segment). */
export function mockConfigFile(fullName: string, text: string, optional = false): nock.Scope {
  return nock(API)
    .get(`/repos/${fullName}/contents/${encodeURIComponent(".github/satisfaction.yml")}`)
    .matchHeader("accept", "application/vnd.github.v3.raw")
    .optionally(optional)
    .reply(200, text, { "content-type": "text/plain; charset=utf-8" });
}

/**
 * Expects one read of `repository` from GitHub (GET /repos/{owner}/{repo}), answered as it is now:
 * an organisation summary reads its target's visibility before it is posted.
 */
export function expectRepositoryRead(repository: { id: number; fullName: string; private: boolean }): nock.Scope {
  const { id, fullName, private: isPrivate } = repository;
  return nock(API).get(`/repos/${fullName}`).reply(200, { id, full_name: fullName, private: isPrivate, default_branch: "main" });
}

/**
 * Expects one listing of the installation's repositories (GET /installation/repositories), answered
 * with `repositories` as they are now: an organisation summary posted in public reads every
 * repository's visibility before it is built.
 */
export function expectRepositoriesListed(repositories: { id: number; fullName: string; private: boolean }[]): nock.Scope {
  const listed = repositories.map(({ id, fullName, private: isPrivate }) => ({ id, full_name: fullName, private: isPrivate }));
  return nock(API)
    .get("/installation/repositories")
    .query({ per_page: "100" })
    .reply(200, { total_count: listed.length, repositories: listed });
}

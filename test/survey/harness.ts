import type { Logger } from "pino";
import { pino } from "pino";
import type { Probot } from "probot";
import type { Db } from "../../src/db/types.js";
import type { OctokitFor } from "../../src/github/octokit.js";
import { issueSchema } from "../../src/payloads.js";
import { upsertInstallation } from "../../src/queries/installations.js";
import { upsertIssue } from "../../src/queries/issues.js";
import { upsertRepository } from "../../src/queries/repositories.js";
import { markAsked } from "../../src/queries/survey-progress.js";
import { ASK_SURVEY, openSurvey, READ_REACTIONS } from "../../src/queries/surveys.js";
import { deleteWork } from "../../src/queries/work.js";
import { DEFAULT_WINDOW_DAYS, nextPollAt, windowEnd } from "../../src/survey/schedule.js";
import { workRegistry } from "../../src/work/registry.js";
import { workDue } from "../../src/work/work-due.js";
import { createTestProbot, mockToken } from "../helpers/app.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";

/** Shared set-up for the survey-mechanics tests: stored surveys, a sweeper, and the rows to check. */
export const log = pino({ level: "silent" });

export const REPO = { id: 186_853_002, full_name: "Codertocat/Hello-World", private: false };
export const OTHER_REPO = { id: 186_853_003, full_name: "Codertocat/Other-World", private: false };
export const repoPath = `/repos/${REPO.full_name}`;
export const reactionsPath = (commentId: number) => `${repoPath}/issues/comments/${commentId}/reactions`;
export const commentsPath = (issueNumber: number) => `${repoPath}/issues/${issueNumber}/comments`;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

type SeedOptions = {
  number: number;
  closedAt?: Date;
  installationId?: number;
  repository?: typeof REPO;
};

/** A survey waiting to be asked (status to_ask, due at the close), stored through src/queries. */
export async function seedSurvey(db: Db, options: SeedOptions): Promise<number> {
  const installationId = options.installationId ?? INSTALLATION_ID;
  const repository = options.repository ?? REPO;
  const closedAt = options.closedAt ?? new Date("2026-11-03T10:00:00Z");
  await upsertInstallation(db, { id: installationId });
  await upsertRepository(db, installationId, repository);
  const payload = issuesPayload("closed", { number: options.number, closedAt: closedAt.toISOString() });
  const issue = issueSchema.parse(payload.issue);
  const key = { installationId, repositoryId: repository.id, number: options.number };
  await upsertIssue(db, key, issue);
  const id = await openSurvey(db, key, {
    closedAt,
    reporterId: REPORTER.id,
    reporterLogin: REPORTER.login,
    windowDays: DEFAULT_WINDOW_DAYS,
  });
  if (id === null) throw new Error(`survey for issue ${options.number} already exists`);
  return id;
}

/**
 * A survey whose comment `commentId` was posted at `askedAt`: its asking done (that work gone, as
 * when it completes), the first read of its reactions queued 10 minutes later.
 */
export async function seedAskedSurvey(db: Db, options: SeedOptions & { commentId: number; askedAt: Date }): Promise<number> {
  const installationId = options.installationId ?? INSTALLATION_ID;
  const id = await seedSurvey(db, { ...options, closedAt: options.closedAt ?? at(options.askedAt, -MINUTE) });
  const windowEndsAt = windowEnd(options.askedAt, DEFAULT_WINDOW_DAYS);
  const next = nextPollAt(options.askedAt, windowEndsAt, options.askedAt) ?? windowEndsAt;
  await markAsked(db, { installationId, id }, { commentId: options.commentId, askedAt: options.askedAt, windowEndsAt, nextPollAt: next });
  await deleteWork(db, installationId, [ASK_SURVEY], [String(id)]);
  return id;
}

/** A test Probot whose installation clients make each request once, at once. */
export function createSweepProbot(): Probot {
  return createTestProbot();
}

/** What a sweep of the work queue runs with: the database, the log, and a client per installation. */
export type Sweeper = { db: Db; log: Logger; octokitFor: OctokitFor };

/** One sweep of the queue, as the scheduler runs it: every kind of work due at `now`; how many pieces it worked. */
export async function sweep(sweeper: Sweeper, now: Date): Promise<{ worked: number; installationsFailed: number }> {
  const { worked, installationsFailed } = await workDue({ db: sweeper.db, log: sweeper.log, kinds: workRegistry }, sweeper.octokitFor, now);
  return { worked, installationsFailed };
}

/**
 * A sweeper acting as the test Probot's installation. The token is taken once here (Probot caches
 * it per instance), so a sweep that finds nothing due makes no request at all.
 */
export async function sweeperFor(db: Db, probot: Probot): Promise<Sweeper> {
  mockToken();
  const octokit = await probot.auth(INSTALLATION_ID);
  await octokit.auth({ type: "installation" });
  return { db, log, octokitFor: async () => probot.auth(INSTALLATION_ID) };
}

/** A survey's queued work (asking it, or reading its reactions): what the work queue holds of its schedule. */
export type SurveyWork = {
  kind: string;
  state: string;
  run_at: Date;
  attempts: number;
  locked_until: Date | null;
  last_error: string | null;
};

export type SurveyRow = {
  status: string;
  comment_id: number | null;
  asked_at: Date | null;
  window_ends_at: Date | null;
  poll_count: number;
  reactions_etag: string | null;
  ended_at: Date | null;
  /** Its queued work, pending or failed; null when nothing is left to do (the survey ended). */
  work: SurveyWork | null;
};

export async function surveyRow(db: Db, id: number): Promise<SurveyRow> {
  const { rows } = await db.query<Omit<SurveyRow, "work">>(
    "SELECT status, comment_id, asked_at, window_ends_at, poll_count, reactions_etag, ended_at FROM surveys WHERE id = $1",
    [id],
  );
  if (!rows[0]) throw new Error(`no survey ${id}`);
  const work = await db.query<SurveyWork>(
    `SELECT kind, state, run_at, attempts, locked_until, last_error FROM work
     WHERE kind = ANY($2::text[]) AND key = $1::text`,
    [String(id), [ASK_SURVEY, READ_REACTIONS]],
  );
  if (work.rows.length > 1) throw new Error(`survey ${id} has ${work.rows.length} pieces of queued work`);
  return { ...rows[0], work: work.rows[0] ?? null };
}

/** The survey's experience, or null when it has none (an abandoned survey's is removed). */
export async function experienceOf(db: Db, surveyId: number): Promise<{ outcome: string; answered_at: Date | null } | null> {
  const { rows } = await db.query<{ outcome: string; answered_at: Date | null }>(
    "SELECT outcome, answered_at FROM experiences WHERE survey_id = $1",
    [surveyId],
  );
  return rows[0] ?? null;
}

/** Reactions by people other than the reporter, with distinct user ids. */
export function othersReactions(count: number, content = "+1", createdAt = "2026-11-03T10:05:00Z") {
  return Array.from({ length: count }, (_, index) => ({
    id: 70_000 + index,
    content,
    created_at: createdAt,
    user: { id: 8_000_000 + index, login: `someone-${index}`, type: "User" },
  }));
}

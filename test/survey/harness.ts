import { pino } from "pino";
import type { Probot } from "probot";
import type { Db } from "../../src/db/types.js";
import { issueSchema } from "../../src/payloads.js";
import { upsertInstallation } from "../../src/queries/installations.js";
import { upsertIssue } from "../../src/queries/issues.js";
import { upsertRepository } from "../../src/queries/repositories.js";
import { markAsked } from "../../src/queries/survey-progress.js";
import { openSurvey } from "../../src/queries/surveys.js";
import { DEFAULT_WINDOW_DAYS, nextPollAt, windowEnd } from "../../src/survey/schedule.js";
import type { SweepDeps } from "../../src/survey/sweep.js";
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

/** A survey whose comment `commentId` was posted at `askedAt`: first read due 10 minutes later. */
export async function seedAskedSurvey(db: Db, options: SeedOptions & { commentId: number; askedAt: Date }): Promise<number> {
  const id = await seedSurvey(db, { ...options, closedAt: options.closedAt ?? at(options.askedAt, -MINUTE) });
  const windowEndsAt = windowEnd(options.askedAt, DEFAULT_WINDOW_DAYS);
  const next = nextPollAt(options.askedAt, windowEndsAt, options.askedAt) ?? windowEndsAt;
  await markAsked(db, { installationId: options.installationId ?? INSTALLATION_ID, id }, { commentId: options.commentId, askedAt: options.askedAt, windowEndsAt, nextPollAt: next });
  return id;
}


/** A test Probot whose installation clients make each request once, at once. */
export function createSweepProbot(): Probot {
  return createTestProbot();
}

/**
 * A sweeper acting as the test Probot's installation. The token is taken once here (Probot caches
 * it per instance), so a sweep that finds nothing due makes no request at all.
 */
export async function sweeperFor(db: Db, probot: Probot): Promise<SweepDeps> {
  mockToken();
  const octokit = await probot.auth(INSTALLATION_ID);
  await octokit.auth({ type: "installation" });
  return { db, log, octokitFor: async () => probot.auth(INSTALLATION_ID) };
}

export type SurveyRow = {
  status: string;
  comment_id: number | null;
  ask_attempts: number;
  asked_at: Date | null;
  window_ends_at: Date | null;
  next_poll_at: Date | null;
  poll_count: number;
  reactions_etag: string | null;
  lease_until: Date | null;
  last_error: string | null;
  ended_at: Date | null;
};

export async function surveyRow(db: Db, id: number): Promise<SurveyRow> {
  const { rows } = await db.query<SurveyRow>(
    `SELECT status, comment_id, ask_attempts, asked_at, window_ends_at, next_poll_at, poll_count, reactions_etag,
       lease_until, last_error, ended_at FROM surveys WHERE id = $1`,
    [id],
  );
  if (!rows[0]) throw new Error(`no survey ${id}`);
  return rows[0];
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

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import type { Db } from "../../src/db/types.js";
import { listFailures } from "../../src/cli/list-failures.js";
import { askSurvey } from "../../src/survey/ask-survey.js";
import { claimDueWork } from "../../src/queries/work.js";
import { retryFailedWork } from "../../src/work/retry-failed.js";
import type { TestDatabase } from "../helpers/db.js";
import { createPgliteDatabase, createTestDatabase } from "../helpers/db.js";

// Migration 010 moves the three queues of 009 (surveys, summaries, config_checks each with their own
// lease, attempts and errors) into the one work queue: nothing pending or failed may be lost on the way.
const LAST_BEFORE_THE_QUEUE = 9;
const FAR_FUTURE = new Date("2030-01-01T00:00:00Z");

/** A database as 009 left it: pending, failed and finished work of every queue. */
async function seedBeforeTheQueue(db: Db): Promise<void> {
  await db.exec(`
    INSERT INTO installations (id, account_login, account_type) VALUES (100, 'octo', 'Organization');
    INSERT INTO repositories (installation_id, id, full_name, private) VALUES (100, 1000, 'octo/app', false);
    INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type, author_association,
      state, state_reason, opened_at, closed_at, state_changed_at)
    SELECT 100, 1000, n, 500 + n, 'reporter-' || n, 'User', 'NONE', 'closed', 'completed',
      '2026-11-01T08:00:00Z', '2026-11-10T08:00:00Z', '2026-11-10T08:00:00Z' FROM generate_series(1, 4) AS n;
    INSERT INTO surveys (id, installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status,
      comment_id, asked_at, window_ends_at, next_poll_at, ask_attempts, last_error, ended_at) VALUES
      (11, 100, 1000, 1, '2026-11-10T08:00:00Z', 501, 'reporter-1', 'to_ask', NULL, NULL, NULL, '2026-11-10T09:00:00Z', 2, 'timeout', NULL),
      (12, 100, 1000, 2, '2026-11-10T08:00:00Z', 502, 'reporter-2', 'asked', 555, '2026-11-10T08:00:05Z', '2026-11-24T08:00:05Z',
        '2026-11-11T08:00:05Z', 1, NULL, NULL),
      (13, 100, 1000, 3, '2026-11-10T08:00:00Z', 503, 'reporter-3', 'failed', NULL, NULL, NULL, NULL, 8, 'HTTP 502', '2026-11-12T08:00:00Z'),
      (14, 100, 1000, 4, '2026-11-10T08:00:00Z', 504, 'reporter-4', 'answered', 556, '2026-11-10T08:00:05Z', '2026-11-24T08:00:05Z',
        NULL, 1, NULL, '2026-11-11T08:00:00Z');
    INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome) VALUES
      (100, 1000, 1, 11, 501, '2026-11-10T08:00:00Z', 'pending'), (100, 1000, 2, 12, 502, '2026-11-10T08:00:00Z', 'pending'),
      (100, 1000, 4, 14, 504, '2026-11-10T08:00:00Z', 'positive');
    INSERT INTO summaries (id, installation_id, scope, target_repository_id, period_key, output, status, attempts, next_attempt_at, last_error) VALUES
      (21, 100, 'repository', 1000, '2026-W46', 'issue', 'pending', 1, '2026-11-16T10:00:00Z', 'HTTP 500'),
      (22, 100, 'repository', 1000, '2026-W45', 'check_run', 'failed', 8, '2026-11-09T12:00:00Z', 'HTTP 503'),
      (23, 100, 'repository', 1000, '2026-W44', 'issue', 'posted', 1, '2026-11-02T09:00:00Z', NULL);
    INSERT INTO config_checks (id, installation_id, repository_id, head_sha, on_default_branch, status, attempts, next_attempt_at, last_error) VALUES
      (31, 100, 1000, 'aaaaaaaaaaaaaaaa', true, 'pending', 0, '2026-11-15T08:00:00Z', NULL),
      (32, 100, 1000, 'bbbbbbbbbbbbbbbb', true, 'failed', 8, '2026-11-14T08:00:00Z', 'Resource not accessible by integration'),
      (33, 100, 1000, 'cccccccccccccccc', true, 'posted', 1, '2026-11-13T08:00:00Z', NULL);
  `);
}

type WorkRow = { kind: string; key: string; state: string; run_at: Date; attempts: number; last_error: string | null; payload: unknown };

describe.each([
  { name: "postgres", create: createTestDatabase },
  { name: "pglite", create: createPgliteDatabase },
])("upgrading a database with pending and failed work to the work queue, on $name", ({ create }) => {
  // One database for the three tests, upgraded once; they run in order and only the second changes it.
  let store: TestDatabase | undefined;
  beforeAll(async () => {
    store = await create(LAST_BEFORE_THE_QUEUE);
    await seedBeforeTheQueue(store.db);
    await migrate(store.db);
  });
  afterAll(async () => store?.drop());

  async function upgraded(): Promise<Db> {
    if (!store) throw new Error("the upgraded database is not open");
    return store.db;
  }

  it("queues every pending piece of work as it was due, and keeps every failure with its error", async () => {
    const db = await upgraded();
    const { rows } = await db.query<WorkRow>("SELECT kind, key, state, run_at, attempts, last_error, payload FROM work ORDER BY kind, key");
    expect(rows).toEqual([
      {
        kind: "config_check.post",
        key: "31",
        state: "pending",
        run_at: new Date("2026-11-15T08:00:00Z"),
        attempts: 0,
        last_error: null,
        payload: { headSha: "aaaaaaaaaaaaaaaa" },
      },
      {
        kind: "config_check.post",
        key: "32",
        state: "failed",
        run_at: new Date("2026-11-14T08:00:00Z"),
        attempts: 8,
        last_error: "Resource not accessible by integration",
        payload: { headSha: "bbbbbbbbbbbbbbbb" },
      },
      {
        kind: "summary.post",
        key: "21",
        state: "pending",
        run_at: new Date("2026-11-16T10:00:00Z"),
        attempts: 1,
        last_error: "HTTP 500",
        payload: { scope: "repository", period: "2026-W46", output: "issue" },
      },
      {
        kind: "summary.post",
        key: "22",
        state: "failed",
        run_at: new Date("2026-11-09T12:00:00Z"),
        attempts: 8,
        last_error: "HTTP 503",
        payload: { scope: "repository", period: "2026-W45", output: "check_run" },
      },
      {
        kind: "survey.ask",
        key: "11",
        state: "pending",
        run_at: new Date("2026-11-10T09:00:00Z"),
        attempts: 2,
        last_error: "timeout",
        payload: { issueNumber: 1 },
      },
      {
        kind: "survey.ask",
        key: "13",
        state: "failed",
        run_at: new Date("2026-11-10T08:00:00Z"),
        attempts: 8,
        last_error: "HTTP 502",
        payload: { issueNumber: 3 },
      },
      {
        kind: "survey.read",
        key: "12",
        state: "pending",
        run_at: new Date("2026-11-11T08:00:05Z"),
        attempts: 0,
        last_error: null,
        payload: { issueNumber: 2 },
      },
    ]);
    const statuses = await db.query<{ id: number; status: string }>(
      "SELECT id, status FROM surveys UNION ALL SELECT id, status FROM summaries UNION ALL SELECT id, status FROM config_checks ORDER BY id",
    );
    expect(statuses.rows.map((row) => `${row.id}:${row.status}`)).toEqual([
      "11:to_ask",
      "12:asked",
      "13:failed",
      "14:answered",
      "21:pending",
      "22:failed",
      "23:posted",
      "31:pending",
      "32:failed",
      "33:posted",
    ]);
  });

  it("lists the failures as before, claims the pending work when it is due, and retries a failure", async () => {
    const db = await upgraded();
    const failures = await listFailures(db, 100);
    expect(failures.surveys.map((survey) => [survey.id, survey.repository, survey.issueNumber, survey.attempts, survey.lastError])).toEqual(
      [[13, "octo/app", 3, 8, "HTTP 502"]],
    );
    expect(failures.summaries.map((summary) => [summary.id, summary.period, summary.output, summary.attempts, summary.lastError])).toEqual([
      [22, "2026-W45", "check_run", 8, "HTTP 503"],
    ]);
    expect(failures.configChecks.map((check) => [check.id, check.headSha, check.lastError])).toEqual([
      [32, "bbbbbbbbbbbbbbbb", "Resource not accessible by integration"],
    ]);

    expect(await claimDueWork(db, new Date("2026-11-10T08:59:00Z"), 10)).toEqual([]);
    const due = await claimDueWork(db, FAR_FUTURE, 10);
    expect(due.map((item) => `${item.kind}:${item.key}`).sort()).toEqual([
      "config_check.post:31",
      "summary.post:21",
      "survey.ask:11",
      "survey.read:12",
    ]);

    expect(await retryFailedWork(db, askSurvey, { installationId: 100, key: "13" }, FAR_FUTURE)).toEqual({ retried: true });
    const retried = await db.query<{ status: string; outcome: string }>(
      "SELECT s.status, e.outcome FROM surveys s JOIN experiences e ON e.survey_id = s.id WHERE s.id = 13",
    );
    expect(retried.rows).toEqual([{ status: "to_ask", outcome: "pending" }]);
  });

  it("leaves no lease, attempt or error column in the tables the queue replaced", async () => {
    const db = await upgraded();
    const { rows } = await db.query<{ column: string }>(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name IN ('surveys', 'summaries', 'config_checks')
         AND column_name IN ('lease_until', 'attempts', 'ask_attempts', 'last_error', 'next_poll_at', 'next_attempt_at')`,
    );
    expect(rows).toEqual([]);
  });
});

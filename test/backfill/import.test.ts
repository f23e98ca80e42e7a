import { describe, expect, it } from "vitest";
import { backfillWindow, queueBackfill } from "../../src/backfill/queue-backfill.js";
import { createTestProbot } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import {
  commentsPage,
  EDGE,
  issueCommentsPage,
  issueRows,
  issuesPage,
  lowRateLimit,
  mockScenario,
  mockToken,
  NOW,
  REPO,
  restIssue,
  runRows,
  SCENARIO,
  SCENARIO_ISSUES,
  seedRepository,
  SINCE,
  startBackfill,
  sweepAt,
  sweepUntilIdle,
  workRows,
} from "./support.js";

const queue = (db: Parameters<typeof queueBackfill>[0], days = 90) =>
  queueBackfill(db, INSTALLATION_ID, [REPO.id], backfillWindow(NOW, days));

describe.each(backends)("a backfill on $name", ({ create }) => {
  const { db } = useDatabase(create);

  it("imports issues and comments page by page: first responses and counters as the webhooks count them, pull requests skipped", async () => {
    await startBackfill(db());
    mockToken();
    mockScenario();

    await sweepUntilIdle(db(), NOW);

    expect(await issueRows(db())).toEqual(SCENARIO_ISSUES);
    expect(await runRows(db())).toEqual([
      { repository_id: REPO.id, status: "done", since: new Date(SINCE), issues: 3, comments: 7, phase: "older_comments" },
    ]);
    // Nothing is asked about a backfilled issue, and nothing is left behind.
    expect(await workRows(db())).toEqual([]);
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM surveys UNION ALL SELECT count(*)::int FROM experiences")).toEqual([
      { n: 0 },
      { n: 0 },
    ]);
    expect(await rowsOf(db(), "SELECT * FROM backfill_seen")).toEqual([]);
  });

  it("resumes after a failed page from where it stopped, counting no comment twice", async () => {
    await startBackfill(db());
    const probot = createTestProbot();
    mockToken();
    mockScenario(3);
    commentsPage(EDGE.comments2, 1, [], { status: 502 });

    await sweepUntilIdle(db(), NOW, probot);

    // The first comment page is stored; the failed one waits for its backoff, counted as an attempt.
    const [stopped] = await workRows(db());
    expect(stopped).toMatchObject({
      kind: "backfill.installation",
      state: "pending",
      attempts: 1,
      run_at: new Date(NOW.getTime() + 2 * 60_000),
    });
    expect(await rowsOf(db(), "SELECT phase, cursor_since, page, comments FROM backfill_runs")).toEqual([
      { phase: "comments", cursor_since: new Date(EDGE.comments2), page: 1, comments: 2 },
    ]);
    expect(await rowsOf(db(), "SELECT reporter_comments, bot_comments FROM issues WHERE number = 1")).toEqual([
      { reporter_comments: 1, bot_comments: 1 },
    ]);

    // A new process (a new client and engine) goes on from the stored cursor.
    const later = new Date(NOW.getTime() + 5 * 60_000);
    mockToken();
    commentsPage(EDGE.comments2, 1, SCENARIO.comments2);
    issueCommentsPage(3, 1, SCENARIO.older3);
    await sweepUntilIdle(db(), later);

    expect(await issueRows(db())).toEqual(SCENARIO_ISSUES);
    expect(await runRows(db())).toEqual([
      { repository_id: REPO.id, status: "done", since: new Date(SINCE), issues: 3, comments: 7, phase: "older_comments" },
    ]);
  });

  it("waits for the rate limit's reset when the installation's requests run low, the page read kept", async () => {
    await startBackfill(db());
    mockToken();
    const reset = Math.floor(NOW.getTime() / 1000) + 1800;
    issuesPage(SINCE, 1, SCENARIO.issues1, { next: true, headers: lowRateLimit(reset, 900) });

    await sweepUntilIdle(db(), NOW);

    expect(await workRows(db())).toEqual([
      {
        kind: "backfill.installation",
        key: String(INSTALLATION_ID),
        state: "pending",
        run_at: new Date(reset * 1000),
        attempts: 0,
        last_error: null,
      },
    ]);
    expect(await rowsOf(db(), "SELECT phase, cursor_since, issues FROM backfill_runs")).toEqual([
      { phase: "issues", cursor_since: new Date(EDGE.issues2), issues: 1 },
    ]);
  });

  it("waits out a rate-limit refusal without counting an attempt", async () => {
    await startBackfill(db());
    mockToken();
    const reset = Math.floor(NOW.getTime() / 1000) + 600;
    issuesPage(SINCE, 1, [], { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) } });

    await sweepUntilIdle(db(), NOW);

    expect(await workRows(db())).toEqual([expect.objectContaining({ state: "pending", run_at: new Date(reset * 1000), attempts: 0 })]);
    expect(await rowsOf(db(), "SELECT status, phase, page FROM backfill_runs")).toEqual([{ status: "pending", phase: "issues", page: 1 }]);
  });

  it("ends the run of a repository GitHub will not list, and imports nothing", async () => {
    await startBackfill(db());
    mockToken();
    issuesPage(SINCE, 1, [], { status: 404 });

    await sweepUntilIdle(db(), NOW);

    expect(await rowsOf(db(), "SELECT status FROM backfill_runs")).toEqual([{ status: "unreadable" }]);
    expect(await workRows(db())).toEqual([]);
    expect(await issueRows(db())).toEqual([]);
  });

  it("leaves out an item GitHub sent malformed, and takes labels given as bare names", async () => {
    await startBackfill(db());
    mockToken();
    const named = {
      ...restIssue({ number: 7, createdAt: "2026-10-01T10:00:00Z", updatedAt: "2026-10-01T10:00:00Z", comments: 0 }),
      labels: ["question"],
    };
    const broken = {
      ...restIssue({ number: 8, createdAt: "2026-10-01T10:00:00Z", updatedAt: "2026-10-01T11:00:00Z", comments: 0 }),
      user: null,
    };
    issuesPage(SINCE, 1, [named, broken]);
    commentsPage(SINCE, 1, []);

    await sweepUntilIdle(db(), NOW);

    expect(await rowsOf(db(), "SELECT number, labels FROM issues")).toEqual([{ number: 7, labels: ["question"] }]);
    expect(await runRows(db())).toEqual([expect.objectContaining({ status: "done", issues: 1 })]);
  });

  it("queues nothing with 0 days", async () => {
    await seedRepository(db());
    expect(await queue(db(), 0)).toBeNull();
    expect(await sweepAt(db(), NOW)).toMatchObject({ worked: 0 });
    expect(await runRows(db())).toEqual([]);
  });
});

import nock from "nock";
import { describe, expect, it } from "vitest";
import { postConfigCheck } from "../../src/config/post-config-check.js";
import { defaultConfig } from "../../src/config/schema.js";
import type { Db } from "../../src/db/types.js";
import { POST_CONFIG_CHECK } from "../../src/queries/config-checks.js";
import { workRegistry } from "../../src/work/registry.js";
import { countOf, workDue } from "../../src/work/work-due.js";
import { API, createTestProbot, mockToken, receive } from "../helpers/app.js";
import type { Octokit } from "../../src/github/octokit.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { CHECK_RUN_OF_THIS_APP, INSTALLATION_ID } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import { AFTER, createConfiguredApp, log, mockConfigFile, mockConfigStatus, pushPayload, REPO, testOctokit } from "./support.js";

/** The push is handled at this instant (the app's clock); retries are judged from it. */
const PUSHED = new Date("2026-11-03T10:00:05Z");
const minutesAfter = (minutes: number) => new Date(PUSHED.getTime() + minutes * 60_000);
const CHECK_RUNS = `/repos/${REPO.full_name}/check-runs`;
const MAX_ATTEMPTS = postConfigCheck.maxAttempts;
// Each check with its queued work (state, attempts, when it runs next, last error); done work is deleted.
const checks = `SELECT c.head_sha, c.status, w.state, w.attempts, w.run_at, w.last_error, c.check_run_id::int
  FROM config_checks c LEFT JOIN work w ON w.installation_id = c.installation_id AND w.kind = '${POST_CONFIG_CHECK}' AND w.key = c.id::text
  ORDER BY c.id`;

/** The due work at `minutes` after the push, and how its configuration checks went. */
async function sweepAt(db: Db, minutes: number, octokit: () => Promise<Octokit> = async () => testOctokit()) {
  const tally = await workDue({ db, log, kinds: workRegistry }, octokit, minutesAfter(minutes));
  const results = ["posted", "deferred", "retry", "failed"] as const;
  return Object.fromEntries(results.map((result) => [result, countOf(tally, POST_CONFIG_CHECK, result)]));
}

/** The first attempt, right after the push, fails on the check run with `status`. */
async function pushWithFailingCheck(db: Db, status: number, headers: Record<string, string> = {}): Promise<void> {
  const { probot } = createConfiguredApp(db);
  mockToken();
  mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n", { ref: AFTER });
  const rateLimited = headers["retry-after"] !== undefined;
  const messages: Record<number, string> = {
    403: rateLimited ? "API rate limit exceeded" : "Resource not accessible by integration",
    422: "No commit found for SHA",
    502: "Bad Gateway",
  };
  nock(API).post(CHECK_RUNS).reply(status, { message: messages[status] }, headers);
  await receive(probot, "push", pushPayload());
}

describe("the configuration check run of a push, when GitHub fails", () => {
  const { db } = useDatabase(createTestDatabase);

  it("keeps the check after a 502 and the sweep posts it once the backoff has passed", async () => {
    await pushWithFailingCheck(db(), 502);
    // First attempt failed: the next waits 2^1 minutes.
    expect(await rowsOf(db(), checks)).toEqual([
      {
        head_sha: AFTER,
        status: "pending",
        state: "pending",
        attempts: 1,
        run_at: minutesAfter(2),
        last_error: expect.stringContaining("Bad Gateway"),
        check_run_id: null,
      },
    ]);

    expect(await sweepAt(db(), 1)).toEqual({ posted: 0, deferred: 0, retry: 0, failed: 0 });

    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n", { ref: AFTER });
    // A retry looks for a check run an earlier attempt may have made before creating one.
    nock(API)
      .get(`/repos/${REPO.full_name}/commits/${AFTER}/check-runs`)
      .query({ check_name: "Satisfaction configuration" })
      .reply(200, { total_count: 0, check_runs: [] });
    nock(API)
      .post(
        CHECK_RUNS,
        (body: { external_id: string; conclusion: string }) => body.external_id === `config:${AFTER}` && body.conclusion === "success",
      )
      .reply(201, { id: 9101 });
    expect(await sweepAt(db(), 2)).toEqual({ posted: 1, deferred: 0, retry: 0, failed: 0 });

    // Posted on the second attempt (it looked for an earlier check run first); its work is done and gone.
    expect(await rowsOf(db(), checks)).toMatchObject([{ status: "posted", state: null, check_run_id: 9101 }]);
    // Done: a later sweep has nothing to do.
    expect(await sweepAt(db(), 600)).toEqual({ posted: 0, deferred: 0, retry: 0, failed: 0 });
  });

  it("finds the check run an earlier attempt created before it could record it, and does not post a second", async () => {
    await pushWithFailingCheck(db(), 502);
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n", { ref: AFTER });
    nock(API)
      .get(`/repos/${REPO.full_name}/commits/${AFTER}/check-runs`)
      .query({ check_name: "Satisfaction configuration" })
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 9001, external_id: "config:other", ...CHECK_RUN_OF_THIS_APP },
          { id: 9002, external_id: `config:${AFTER}`, ...CHECK_RUN_OF_THIS_APP },
        ],
      });

    // The app's own client, which knows the app's id: a check run is adopted only when this app made it.
    mockToken();
    const appClient = async () => createTestProbot().auth(INSTALLATION_ID) as Promise<Octokit>;
    expect(await sweepAt(db(), 2, appClient)).toEqual({ posted: 1, deferred: 0, retry: 0, failed: 0 });
    expect(await rowsOf(db(), checks)).toMatchObject([{ status: "posted", check_run_id: 9002 }]);
  });

  it("waits out a rate limit as GitHub says, without spending an attempt", async () => {
    await pushWithFailingCheck(db(), 403, { "retry-after": "600", "x-ratelimit-remaining": "0" });
    expect(await rowsOf(db(), checks)).toMatchObject([{ status: "pending", state: "pending", attempts: 0, run_at: minutesAfter(10) }]);
  });

  it("ends as failed, with its error, when GitHub refuses the check run (422)", async () => {
    await pushWithFailingCheck(db(), 422);
    expect(await rowsOf(db(), checks)).toMatchObject([
      { status: "failed", state: "failed", attempts: 1, last_error: expect.stringContaining("No commit found") },
    ]);
    expect(await sweepAt(db(), 600)).toEqual({ posted: 0, deferred: 0, retry: 0, failed: 0 });
  });

  it("ends as failed at once when the installation may not write checks (a 403 that is not a rate limit)", async () => {
    await pushWithFailingCheck(db(), 403);
    expect(await rowsOf(db(), checks)).toMatchObject([
      { status: "failed", state: "failed", attempts: 1, last_error: expect.stringContaining("Resource not accessible") },
    ]);
  });

  it(`ends as failed after ${MAX_ATTEMPTS} attempts that all failed`, async () => {
    await pushWithFailingCheck(db(), 502);
    await db().query("UPDATE work SET attempts = $1 - 1, run_at = $2 WHERE kind = $3", [MAX_ATTEMPTS, minutesAfter(0), POST_CONFIG_CHECK]);
    mockConfigStatus(REPO.full_name, 500, { ref: AFTER });

    expect(await sweepAt(db(), 1)).toEqual({ posted: 0, deferred: 0, retry: 0, failed: 1 });
    expect(await rowsOf(db(), checks)).toMatchObject([
      { status: "failed", state: "failed", attempts: MAX_ATTEMPTS, last_error: expect.stringContaining("Server Error") },
    ]);
  });

  it("pauses a suspended installation's check instead of failing it", async () => {
    await pushWithFailingCheck(db(), 502);
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n", { ref: AFTER });
    nock(API).get(`/repos/${REPO.full_name}/commits/${AFTER}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    nock(API).post(CHECK_RUNS).reply(403, { message: "This installation has been suspended" });

    // A suspension is not the check's fault: it waits, its attempt given back.
    expect(await sweepAt(db(), 2)).toEqual({ posted: 0, deferred: 1, retry: 0, failed: 0 });
    expect(await rowsOf(db(), checks)).toMatchObject([{ status: "pending", state: "pending", attempts: 1 }]);
    expect(await rowsOf(db(), "SELECT suspended_at FROM installations")).toEqual([{ suspended_at: minutesAfter(2) }]);
    // Suspended: the sweep leaves it alone until GitHub says the installation is back.
    expect(await sweepAt(db(), 600)).toEqual({ posted: 0, deferred: 0, retry: 0, failed: 0 });
  });

  it("defers, without spending an attempt, when the installation's write budget of the minute is spent", async () => {
    await pushWithFailingCheck(db(), 502);
    await db().query(
      `INSERT INTO write_budget (installation_id, minute, used) VALUES ($1, date_trunc('minute', now()), 70)
       ON CONFLICT (installation_id, minute) DO UPDATE SET used = 70`,
      [INSTALLATION_ID],
    );

    expect(await sweepAt(db(), 2)).toEqual({ posted: 0, deferred: 1, retry: 0, failed: 0 });
    expect(await rowsOf(db(), checks)).toMatchObject([{ status: "pending", state: "pending", attempts: 1, run_at: minutesAfter(3) }]);
  });
});

describe("a retried check of an older push", () => {
  const { db } = useDatabase(createTestDatabase);
  const NEWER = "1111111111111111111111111111111111111111";

  it("posts its check run but leaves the newer push's configuration in force", async () => {
    const { probot } = createConfiguredApp(db());
    mockToken();
    // The older push cannot read its file: its check waits for the sweep.
    mockConfigStatus(REPO.full_name, 502, { ref: AFTER });
    await receive(probot, "push", pushPayload());
    mockConfigFile(REPO.full_name, "survey:\n  window_days: 5\n", { ref: NEWER });
    nock(API).post(CHECK_RUNS).reply(201, { id: 9201 });
    await receive(probot, "push", { ...pushPayload(), after: NEWER });

    mockConfigFile(REPO.full_name, "survey:\n  window_days: 3\n", { ref: AFTER });
    nock(API).get(`/repos/${REPO.full_name}/commits/${AFTER}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    nock(API)
      .post(CHECK_RUNS, (body: { head_sha: string }) => body.head_sha === AFTER)
      .reply(201, { id: 9202 });
    expect(await sweepAt(db(), 2)).toEqual({ posted: 1, deferred: 0, retry: 0, failed: 0 });

    expect(await rowsOf(db(), "SELECT head_sha, status, check_run_id::int FROM config_checks ORDER BY id")).toEqual([
      { head_sha: AFTER, status: "posted", check_run_id: 9202 },
      { head_sha: NEWER, status: "posted", check_run_id: 9201 },
    ]);
    expect(await rowsOf(db(), "SELECT config FROM repository_configs")).toEqual([
      { config: { ...defaultConfig, survey: { ...defaultConfig.survey, window_days: 5 } } },
    ]);
  });
});

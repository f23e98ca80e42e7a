import { BY_THIS_APP, CHECK_RUN_OF_THIS_APP } from "../helpers/fixtures.js";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { postSummaryWork } from "../../src/summary/summary-work.js";
import { API, createTestProbot } from "../helpers/app.js";
import { useSecondInstance } from "../helpers/db.js";
import type { IssueRequest } from "./support.js";
import {
  at,
  expectClose,
  expectIssue,
  REPO,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryDeps,
  summaryRows,
  sweepSummaries,
  WEEK47_HEADLINE,
} from "./support.js";

const MONDAY_9 = at("2026-11-23T09:00:00Z");
const MARKER = "<!-- satisfaction-bot:summary:repository:700:2026-W47:issue -->";
const LISTING = { state: "all", sort: "created", direction: "desc", per_page: "50" };
const MAX_POST_ATTEMPTS = postSummaryWork.maxAttempts;

describe("summaries posted once: failures and racing sweeps", () => {
  const { db, secondPool } = useSecondInstance();

  async function seedRepositories(count: number) {
    const repositories = Array.from({ length: count }, (_, index) =>
      index === 0 ? REPO : { id: REPO.id + index, fullName: `o/r${index}` },
    );
    for (const repository of repositories) {
      await seedRepository(db(), repository);
      await seedWeek47(db(), repository.id);
      await storeConfig(db(), {}, { repositoryId: repository.id });
    }
    return repositories;
  }

  it("two instances sweeping one database at once post each repository's issue exactly once", async () => {
    const repositories = await seedRepositories(6);
    const first = await summaryDeps(db(), undefined, createTestProbot());
    const second = await summaryDeps(secondPool(), undefined, createTestProbot());
    const posted = new Map<string, IssueRequest[]>();
    repositories.forEach((repository, index) => {
      posted.set(repository.fullName, []);
      expectIssue(repository.fullName, 100 + index, posted.get(repository.fullName) ?? []); // a second POST would find no mock
    });

    const tallies = await Promise.all([sweepSummaries(first.deps, MONDAY_9), sweepSummaries(second.deps, MONDAY_9)]);

    expect(tallies.reduce((sum, tally) => sum + tally.posted, 0)).toBe(repositories.length);
    expect(tallies.every((tally) => tally.failed === 0)).toBe(true);
    expect([...posted.values()].map((requests) => requests.length)).toEqual(repositories.map(() => 1));
    const rows = await summaryRows(db());
    expect(rows.map((row) => [row.target_repository_id, row.status, row.work_state, row.github_number])).toEqual(
      repositories.map((repository, index) => [repository.id, "posted", null, 100 + index]),
    );
  });

  describe("a failed post", () => {
    async function failCheckRunOnce() {
      await seedRepository(db(), { ...REPO, defaultBranch: "main" });
      await seedWeek47(db());
      await storeConfig(db(), { summary: { output: "check_run" } });
      const { deps } = await summaryDeps(db());
      nock(API)
        .get("/repos/o/r/branches/main")
        .times(2)
        .reply(200, { commit: { sha: "abc123" } });
      nock(API).post("/repos/o/r/check-runs").reply(502, { message: "Bad Gateway" });
      expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 1 });
      return deps;
    }

    async function failOnce() {
      await seedRepositories(1);
      const sweeper = await summaryDeps(db());
      nock(API).post("/repos/o/r/issues").reply(502, { message: "Bad Gateway" });
      expect(await sweepSummaries(sweeper.deps, MONDAY_9)).toEqual({ posted: 0, failed: 1 });
      return sweeper;
    }

    it("leaves the summary pending with its error, its work retried at run_at and not before", async () => {
      const { deps, installationsAsked } = await failOnce();
      expect(await summaryRows(db())).toEqual([
        expect.objectContaining({
          period_key: "2026-W47",
          status: "pending",
          github_number: null,
          posted_at: null,
          work_state: "pending",
          attempts: 1,
          locked_until: null,
          run_at: at("2026-11-23T09:02:00Z"),
          last_error: expect.stringContaining("Bad Gateway"),
        }),
      ]);
      installationsAsked.length = 0;

      expect(await sweepSummaries(deps, at("2026-11-23T09:01:59Z"))).toEqual({ posted: 0, failed: 0 });
      expect(installationsAsked).toEqual([]);

      const posted: IssueRequest[] = [];
      nock(API)
        .get("/repos/o/r/issues")
        .query(LISTING)
        .reply(200, [
          { number: 12, body: "Something else" },
          { number: 11, body: null },
        ]);
      expectIssue(REPO.fullName, 31, posted);
      expect(await sweepSummaries(deps, at("2026-11-23T09:02:00Z"))).toEqual({ posted: 1, failed: 0 });

      expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-16 to 2026-11-22"]);
      expect(posted[0]?.body).toContain(WEEK47_HEADLINE);
      expect(await summaryRows(db())).toEqual([
        expect.objectContaining({ status: "posted", github_number: 31, work_state: null }), // done work is deleted
      ]);
      expect(await sweepSummaries(deps, at("2026-11-23T10:00:00Z"))).toEqual({ posted: 0, failed: 0 });
    });

    it("does not post again when the failed attempt's issue is found by its marker", async () => {
      const { deps } = await failOnce();
      nock(API)
        .get("/repos/o/r/issues")
        .query(LISTING)
        .reply(200, [{ number: 31, body: `${MARKER}\n\n${WEEK47_HEADLINE}`, ...BY_THIS_APP }]);

      expect(await sweepSummaries(deps, at("2026-11-23T09:30:00Z"))).toEqual({ posted: 1, failed: 0 });
      expect(await summaryRows(db())).toEqual([expect.objectContaining({ status: "posted", work_state: null, github_number: 31 })]);
    });

    it("adopts no issue of an outsider's or another app's carrying the summary's marker: it posts its own", async () => {
      const { deps } = await failOnce();
      const forged = { body: `${MARKER}\n\nNothing to see here`, user: { login: "mallory", type: "User" } };
      nock(API)
        .get("/repos/o/r/issues")
        .query(LISTING)
        .reply(200, [
          { number: 40, ...forged, performed_via_github_app: null },
          { number: 41, ...forged, performed_via_github_app: { id: 99 } },
        ]);
      const posted: IssueRequest[] = [];
      expectIssue(REPO.fullName, 42, posted);

      expect(await sweepSummaries(deps, at("2026-11-23T09:30:00Z"))).toEqual({ posted: 1, failed: 0 });
      expect(posted).toHaveLength(1);
      expect(await summaryRows(db())).toEqual([expect.objectContaining({ status: "posted", github_number: 42 })]);
    });

    it("retries a failed close of the previous issue without creating the new one twice", async () => {
      await seedRepositories(1);
      await db().query(
        `INSERT INTO summaries (installation_id, scope, target_repository_id, period_key, output, status, github_number, posted_at)
         VALUES (4242, 'repository', 700, '2026-W46', 'issue', 'posted', 30, $1)`,
        [at("2026-11-16T09:00:00Z")],
      );
      const { deps } = await summaryDeps(db());
      const posted: IssueRequest[] = [];
      expectIssue(REPO.fullName, 31, posted);
      nock(API).patch("/repos/o/r/issues/30").reply(502, { message: "Bad Gateway" });
      expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 1 });

      nock(API)
        .get("/repos/o/r/issues")
        .query(LISTING)
        .reply(200, [{ number: 31, body: `${MARKER}\n\n${WEEK47_HEADLINE}`, ...BY_THIS_APP }]);
      expectClose(REPO.fullName, 30);
      expect(await sweepSummaries(deps, at("2026-11-23T09:02:00Z"))).toEqual({ posted: 1, failed: 0 });

      expect(posted).toHaveLength(1);
      expect((await summaryRows(db())).map((row) => [row.period_key, row.status, row.work_state, row.github_number])).toEqual([
        ["2026-W46", "posted", null, 30],
        ["2026-W47", "posted", null, 31],
      ]);
    });

    it("finds a check run an earlier attempt created by its external id instead of creating another", async () => {
      const deps = await failCheckRunOnce();

      nock(API)
        .get("/repos/o/r/commits/abc123/check-runs")
        .query({ check_name: "Satisfaction" })
        .reply(200, {
          total_count: 2,
          check_runs: [
            { id: 76, external_id: "repository:700:2026-W46", ...CHECK_RUN_OF_THIS_APP },
            { id: 77, external_id: "repository:700:2026-W47", ...CHECK_RUN_OF_THIS_APP },
          ],
        });
      expect(await sweepSummaries(deps, at("2026-11-23T09:02:00Z"))).toEqual({ posted: 1, failed: 0 });
      expect(await summaryRows(db())).toEqual([
        expect.objectContaining({ output: "check_run", status: "posted", work_state: null, github_number: 77 }),
      ]);
    });

    it("adopts no check run of another app's with the summary's external id: it creates its own", async () => {
      const deps = await failCheckRunOnce();

      nock(API)
        .get("/repos/o/r/commits/abc123/check-runs")
        .query({ check_name: "Satisfaction" })
        .reply(200, { total_count: 1, check_runs: [{ id: 66, external_id: "repository:700:2026-W47", app: { id: 99 } }] });
      nock(API).post("/repos/o/r/check-runs").reply(201, { id: 78 });
      expect(await sweepSummaries(deps, at("2026-11-23T09:02:00Z"))).toEqual({ posted: 1, failed: 0 });
      expect(await summaryRows(db())).toEqual([expect.objectContaining({ output: "check_run", status: "posted", github_number: 78 })]);
    });

    it("waits twice as long after a second failure", async () => {
      const { deps } = await failOnce();
      nock(API).get("/repos/o/r/issues").query(LISTING).reply(200, []);
      nock(API).post("/repos/o/r/issues").reply(502, { message: "Bad Gateway" });
      expect(await sweepSummaries(deps, at("2026-11-23T09:02:00Z"))).toEqual({ posted: 0, failed: 1 });
      expect(await summaryRows(db())).toEqual([
        expect.objectContaining({ status: "pending", work_state: "pending", attempts: 2, run_at: at("2026-11-23T09:06:00Z") }),
      ]);
    });

    it("ends as failed, with its last error, after the last retry; no sweep tries it again", async () => {
      const { deps } = await failOnce();
      await db().query(`UPDATE work SET attempts = ${MAX_POST_ATTEMPTS - 1} WHERE kind = 'summary.post'`);
      nock(API).get("/repos/o/r/issues").query(LISTING).reply(200, []);
      nock(API).post("/repos/o/r/issues").reply(502, { message: "Bad Gateway" });
      expect(await sweepSummaries(deps, at("2026-11-23T10:00:00Z"))).toEqual({ posted: 0, failed: 1 });
      expect(await summaryRows(db())).toEqual([
        expect.objectContaining({
          status: "failed",
          work_state: "failed",
          attempts: MAX_POST_ATTEMPTS,
          last_error: expect.stringContaining("Bad Gateway"),
        }),
      ]);
      // A later sweep makes no request (setup.ts fails the test on an unmocked one).
      expect(await sweepSummaries(deps, at("2026-11-23T12:00:00Z"))).toEqual({ posted: 0, failed: 0 });
    });
  });
});

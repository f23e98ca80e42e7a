import { beforeAll, describe, expect, it } from "vitest";
import { listFailures } from "../../src/cli/list-failures.js";
import { parseRetryArgs, retryCommand } from "../../src/cli/retry.js";
import { workCounts } from "../../src/queries/work-status.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedConfigCheck, seedInstallation, seedRedelivery, seedRepository, seedSummary, seedSurvey } from "../helpers/seed-work.js";

// The operations queries (metrics, failures, retry) on PostgreSQL and on the embedded PGlite alike:
// the same SQL serves both, and the embedded database has no SQL shell to fall back on.
describe.each(backends)("operations queries on $name", ({ create }) => {
  const { db } = useDatabase(create, { emptyEachTest: false });
  const NOW = new Date("2026-11-26T00:00:00Z");
  /** `satisfaction-bot retry <args>`: what it says, or why it refused. */
  const retry = (...args: string[]) => retryCommand(db(), parseRetryArgs(args), NOW).catch((error: unknown) => (error as Error).message);
  beforeAll(async () => {
    await seedInstallation(db(), 100, "octo");
    await seedInstallation(db(), 200, "acme", "2026-11-20T00:00:00Z");
    await seedRepository(db(), 100, 700, "octo/app");
    await seedRepository(db(), 200, 800, "acme/site");
    await seedSurvey(db(), { id: 1, installation: 100, repo: 700, issue: 1, status: "asked", nextPollAt: "2000-01-01T00:00:00Z" });
    await seedSurvey(db(), { id: 2, installation: 100, repo: 700, issue: 2, status: "failed", attempts: 8, lastError: "Bad Gateway" });
    await seedSurvey(db(), { id: 3, installation: 200, repo: 800, issue: 3, status: "asked", nextPollAt: "2000-01-01T00:00:00Z" });
    await seedSummary(db(), { id: 21, installation: 100, target: 700, period: "2026-W46", status: "failed", attempts: 8 });
    await seedConfigCheck(db(), { id: 31, installation: 100, repo: 700, sha: "d".repeat(40), status: "failed", lastError: "Not Found" });
    await seedRedelivery(db(), "given-up", 9001, 3, "2026-11-22T10:00:00Z");
  });

  it("counts the work by status, the due backlog (suspended installations left out) and the installations", async () => {
    const before = Date.now();
    const counts = await workCounts(db());
    const after = Date.now();
    expect(Object.fromEntries(counts.surveys)).toEqual({ asked: 2, failed: 1 });
    expect(Object.fromEntries(counts.summaries)).toEqual({ failed: 1 });
    expect(Object.fromEntries(counts.configChecks)).toEqual({ failed: 1 });
    expect({
      due: counts.surveysDue,
      givenUp: counts.deliveriesGivenUp,
      active: counts.installationsActive,
      suspended: counts.installationsSuspended,
    }).toEqual({
      due: 1,
      givenUp: 1,
      active: 1,
      suspended: 1,
    });
    // the queue by kind and state; only the active installation's read is due (since 2000-01-01)
    expect(counts.work).toEqual([
      { kind: "config_check.post", state: "failed", count: 1, due: 0, oldestDueSeconds: null },
      { kind: "summary.post", state: "failed", count: 1, due: 0, oldestDueSeconds: null },
      { kind: "survey.ask", state: "failed", count: 1, due: 0, oldestDueSeconds: null },
      { kind: "survey.read", state: "pending", count: 2, due: 1, oldestDueSeconds: expect.any(Number) },
    ]);
    const secondsSince2000 = (instant: number) => (instant - Date.parse("2000-01-01T00:00:00Z")) / 1000;
    const oldest = counts.work.at(-1)?.oldestDueSeconds ?? 0;
    expect(oldest).toBeGreaterThanOrEqual(secondsSince2000(before) - 1);
    expect(oldest).toBeLessThanOrEqual(secondsSince2000(after) + 1);
  });

  it("lists the failures, and puts each back once", async () => {
    const all = await listFailures(db(), null);
    expect(all.surveys.map((survey) => [survey.id, survey.repository])).toEqual([[2, "octo/app"]]);
    expect(all.deliveries?.map((delivery) => delivery.guid)).toEqual(["given-up"]);
    expect((await listFailures(db(), 100)).summaries.map((summary) => summary.id)).toEqual([21]);
    expect((await listFailures(db(), 200)).configChecks.map((check) => check.id)).toEqual([]);

    expect(await retry("--survey", "2", "--installation", "100")).toContain("put back");
    expect(await retry("--survey", "2", "--installation", "100")).toContain("is not failed (to_ask)");
    expect(await retry("--summary", "21", "--installation", "100")).toContain("put back");
    expect(await retry("--config-check", "31", "--installation", "200")).toContain("does not exist");
    expect(await retry("--config-check", "31", "--installation", "100")).toContain("put back");
    expect(await retry("--delivery", "given-up")).toContain("put back");

    const counts = await workCounts(db());
    expect([Object.fromEntries(counts.surveys), Object.fromEntries(counts.summaries), Object.fromEntries(counts.configChecks)]).toEqual([
      { asked: 2, to_ask: 1 },
      { pending: 1 },
      { pending: 1 },
    ]);
    expect((await db().query("SELECT survey_id::int AS id, outcome FROM experiences")).rows).toEqual([{ id: 2, outcome: "pending" }]);
    expect((await db().query("SELECT kind, key, state FROM work WHERE state = 'failed'")).rows).toEqual([]);
  });
});

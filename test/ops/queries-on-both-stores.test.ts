import { beforeAll, describe, expect, it } from "vitest";
import { failedConfigChecks, failedSummaries, failedSurveys, givenUpDeliveries } from "../../src/queries/failures.js";
import { retryConfigCheck, retryDelivery, retrySummary, retrySurvey } from "../../src/queries/retry.js";
import { workCounts } from "../../src/queries/work-status.js";
import { backends, useDatabase } from "../helpers/db.js";
import { seedConfigCheck, seedInstallation, seedRedelivery, seedRepository, seedSummary, seedSurvey } from "../helpers/seed-work.js";

// The operations queries (metrics, failures, retry) on PostgreSQL and on the embedded PGlite alike:
// the same SQL serves both, and the embedded database has no SQL shell to fall back on.
describe.each(backends)("operations queries on $name", ({ create }) => {
  const { db } = useDatabase(create, { emptyEachTest: false });
  const NOW = new Date("2026-11-26T00:00:00Z");
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
    const counts = await workCounts(db());
    expect(Object.fromEntries(counts.surveys)).toEqual({ asked: 2, failed: 1 });
    expect(Object.fromEntries(counts.summaries)).toEqual({ failed: 1 });
    expect(Object.fromEntries(counts.configChecks)).toEqual({ failed: 1 });
    expect({ due: counts.surveysDue, givenUp: counts.deliveriesGivenUp, active: counts.installationsActive, suspended: counts.installationsSuspended }).toEqual({
      due: 1,
      givenUp: 1,
      active: 1,
      suspended: 1,
    });
  });

  it("lists the failures, and puts each back once", async () => {
    expect((await failedSurveys(db(), null)).map((survey) => [survey.id, survey.repository])).toEqual([[2, "octo/app"]]);
    expect((await failedSummaries(db(), 100)).map((summary) => summary.id)).toEqual([21]);
    expect((await failedConfigChecks(db(), 200)).map((check) => check.id)).toEqual([]);
    expect((await givenUpDeliveries(db())).map((delivery) => delivery.guid)).toEqual(["given-up"]);

    expect(await retrySurvey(db(), 100, 2, NOW)).toEqual({ retried: true });
    expect(await retrySurvey(db(), 100, 2, NOW)).toEqual({ retried: false, status: "to_ask" });
    expect(await retrySummary(db(), 100, 21, NOW)).toEqual({ retried: true });
    expect(await retryConfigCheck(db(), 200, 31, NOW)).toEqual({ retried: false, status: null });
    expect(await retryConfigCheck(db(), 100, 31, NOW)).toEqual({ retried: true });
    expect(await retryDelivery(db(), "given-up")).toEqual({ retried: true });

    const counts = await workCounts(db());
    expect([Object.fromEntries(counts.surveys), Object.fromEntries(counts.summaries), Object.fromEntries(counts.configChecks)]).toEqual([
      { asked: 2, to_ask: 1 },
      { pending: 1 },
      { pending: 1 },
    ]);
    expect((await db().query("SELECT survey_id::int AS id, outcome FROM experiences")).rows).toEqual([{ id: 2, outcome: "pending" }]);
  });
});

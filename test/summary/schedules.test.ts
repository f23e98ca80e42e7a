import { beforeEach, describe, expect, it } from "vitest";
import type { SummaryDeps } from "../../src/summary/sweep-summaries.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import type { IssueRequest } from "./support.js";
import { at, expectIssue, REPO, seedIssue, seedRepository, storeConfig, summaryDeps, sweepSummaries } from "./support.js";

/**
 * Periods and posting times in a zone with DST. Experiences are placed on each side of the local
 * midnights that bound a period: inside ones positive, outside ones negative, so the headline's
 * counts show exactly which were taken.
 */
const experiences = (rows: [string, "positive" | "negative"][]) =>
  rows.map(([closedAt, outcome], index) => ({
    number: index + 1,
    reporter: 100 + index,
    openedAt: "2026-09-01T00:00:00Z",
    closedAt,
    outcome,
  }));

const counts = (body: string | undefined) => /^Experiences: .*$/m.exec(body ?? "")?.[0];

describe("summary schedules in time zones with DST", () => {
  const { db } = useDatabase(createTestDatabase);
  beforeEach(async () => {
    await seedRepository(db());
  });

  async function sweepAt(deps: SummaryDeps, iso: string) {
    return sweepSummaries(deps, at(iso));
  }

  it("monthly in Europe/Berlin: October runs from 09-30T22:00Z (CEST) to 10-31T23:00Z (CET), posted 11-01 09:00 CET", async () => {
    await storeConfig(db(), { summary: { schedule: "monthly", timezone: "Europe/Berlin", close_previous: false } });
    for (const issue of experiences([
      ["2026-09-30T21:59:59Z", "negative"], // 23:59:59 CEST on 30 September
      ["2026-09-30T22:00:00Z", "positive"], // 00:00 CEST on 1 October
      ["2026-10-31T22:59:59Z", "positive"], // 23:59:59 CET on 31 October
      ["2026-10-31T23:00:00Z", "negative"], // 00:00 CET on 1 November
    ]))
      await seedIssue(db(), issue);
    const { deps, installationsAsked } = await summaryDeps(db());
    const posted: IssueRequest[] = [];

    // 07:59 UTC is 08:59 CET: September's summary (due since 1 October, 09:00 CEST) is the latest due.
    expectIssue(REPO.fullName, 9, posted);
    expect(await sweepAt(deps, "2026-11-01T07:59:00Z")).toEqual({ posted: 1, failed: 0 });
    expectIssue(REPO.fullName, 10, posted);
    expect(await sweepAt(deps, "2026-11-01T08:00:00Z")).toEqual({ posted: 1, failed: 0 });
    installationsAsked.length = 0;
    expect(await sweepAt(deps, "2026-11-30T23:59:00Z")).toEqual({ posted: 0, failed: 0 });

    expect(installationsAsked).toEqual([]);
    expect(posted.map((issue) => [issue.title, counts(issue.body)])).toEqual([
      ["Satisfaction report: 2026-09-01 to 2026-09-30", "Experiences: 0 positive / 1 negative / 0 neutral / 0 pending"],
      ["Satisfaction report: 2026-10-01 to 2026-10-31", "Experiences: 2 positive / 0 negative / 0 neutral / 0 pending"],
    ]);
  });

  it("weekly in Europe/Berlin: the week of 2026-10-25 ends at 23:00Z, an hour later than it began, and posts at 08:00Z", async () => {
    await storeConfig(db(), { summary: { timezone: "Europe/Berlin", close_previous: false } });
    for (const issue of experiences([
      ["2026-10-18T21:59:59Z", "negative"], // Sunday 23:59:59 CEST: W42
      ["2026-10-18T22:00:00Z", "positive"], // Monday 00:00 CEST: W43
      ["2026-10-25T22:59:59Z", "positive"], // Sunday 23:59:59 CET, after the change: W43
      ["2026-10-25T23:00:00Z", "negative"], // Monday 00:00 CET: W44
    ]))
      await seedIssue(db(), issue);
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];

    expectIssue(REPO.fullName, 42, posted);
    expect(await sweepAt(deps, "2026-10-19T07:00:00Z")).toEqual({ posted: 1, failed: 0 }); // Monday 09:00 CEST: W42
    expect(await sweepAt(deps, "2026-10-26T07:59:00Z")).toEqual({ posted: 0, failed: 0 }); // Monday 08:59 CET
    expectIssue(REPO.fullName, 43, posted);
    expect(await sweepAt(deps, "2026-10-26T08:00:00Z")).toEqual({ posted: 1, failed: 0 }); // Monday 09:00 CET: W43

    expect(posted.map((issue) => [issue.title, counts(issue.body)])).toEqual([
      ["Satisfaction report: 2026-10-12 to 2026-10-18", "Experiences: 0 positive / 1 negative / 0 neutral / 0 pending"],
      ["Satisfaction report: 2026-10-19 to 2026-10-25", "Experiences: 2 positive / 0 negative / 0 neutral / 0 pending"],
    ]);
  });

  // A close at 23:30 CET on Sunday 25 October, after the DST change, is dated that Sunday.
  it("dates a pain point closed after the DST change by its local day", async () => {
    await storeConfig(db(), { summary: { timezone: "Europe/Berlin" } });
    const late = { number: 1, reporter: 1, openedAt: "2026-10-20T00:00:00Z", closedAt: "2026-10-25T22:30:00Z", title: "Late on Sunday" };
    await seedIssue(db(), { ...late, outcome: "negative" });
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 43, posted);
    await sweepAt(deps, "2026-10-26T08:00:00Z");
    expect(posted[0]?.title).toBe("Satisfaction report: 2026-10-19 to 2026-10-25");
    expect(posted[0]?.body).toContain("- #1 Late on Sunday (closed 2026-10-25)");
  });

  it("daily in America/New_York: 2026-11-01 lasts 25 hours, and each day posts at 09:00 EST (14:00Z)", async () => {
    await storeConfig(db(), {
      summary: { schedule: "daily", timezone: "America/New_York", close_previous: false, post_quiet_periods: true },
    });
    for (const issue of experiences([
      ["2026-11-01T03:59:59Z", "negative"], // 31 October 23:59:59 EDT
      ["2026-11-01T04:00:00Z", "positive"], // 1 November 00:00 EDT
      ["2026-11-02T04:59:59Z", "positive"], // 1 November 23:59:59 EST
      ["2026-11-02T05:00:00Z", "negative"], // 2 November 00:00 EST
    ]))
      await seedIssue(db(), issue);
    const { deps, installationsAsked } = await summaryDeps(db());
    const posted: IssueRequest[] = [];

    expectIssue(REPO.fullName, 1031, posted);
    expect(await sweepAt(deps, "2026-11-01T13:59:00Z")).toEqual({ posted: 1, failed: 0 }); // 08:59 EST: 30 October's
    expectIssue(REPO.fullName, 1101, posted);
    expect(await sweepAt(deps, "2026-11-01T14:00:00Z")).toEqual({ posted: 1, failed: 0 }); // 09:00 EST: 31 October's
    installationsAsked.length = 0;
    expect(await sweepAt(deps, "2026-11-02T13:59:00Z")).toEqual({ posted: 0, failed: 0 });
    expect(installationsAsked).toEqual([]);
    expectIssue(REPO.fullName, 1102, posted);
    expect(await sweepAt(deps, "2026-11-02T14:00:00Z")).toEqual({ posted: 1, failed: 0 }); // 1 November's

    expect(posted.map((issue) => [issue.title, counts(issue.body)])).toEqual([
      ["Satisfaction report: 2026-10-30", "Experiences: 0 positive / 0 negative / 0 neutral / 0 pending"],
      ["Satisfaction report: 2026-10-31", "Experiences: 0 positive / 1 negative / 0 neutral / 0 pending"],
      ["Satisfaction report: 2026-11-01", "Experiences: 2 positive / 0 negative / 0 neutral / 0 pending"],
    ]);
  });
});

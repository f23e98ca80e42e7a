import { beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import type { IssueRequest } from "./support.js";
import {
  at,
  expectClose,
  expectIssue,
  REPO,
  seedIssue,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryDeps,
  summaryRows,
  sweepSummaries,
  WEEK47_ALERT,
  WEEK47_HEADLINE,
} from "./support.js";

const MONDAY_9 = at("2026-11-23T09:00:00Z");
const MARKER = "<!-- satisfaction-bot:summary:repository:700:2026-W47:issue -->";

describe("weekly summary issues (the defaults)", () => {
  const { db } = useDatabase(createTestDatabase);
  beforeEach(async () => {
    await seedRepository(db());
    await seedWeek47(db());
    await storeConfig(db(), {});
  });

  it("posts one issue for 2026-W47 on Monday at 09:00 UTC with the figures of the week", async () => {
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 31, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });

    expect(posted).toHaveLength(1);
    const [issue] = posted;
    expect(issue?.title).toBe("Satisfaction report: 2026-11-16 to 2026-11-22");
    expect(issue?.labels).toEqual(["satisfaction-report"]);
    expect(issue?.body.startsWith(`${MARKER}\n\n${WEEK47_ALERT}\n\n${WEEK47_HEADLINE}\n\n`)).toBe(true);
    for (const row of [
      "| Experiences (known outcome) | 4 | 2 | +2 |",
      "| Experiences pending | 1 | 0 | +1 |",
      "| Support issues closed | 5 | 2 | +3 |",
      "| Response rate | 40.0 % | 0.0 % | +40.0 pts |",
      "| Repeat usage | 1 | 0 | +1 |",
      "| Market demand | 4 | 2 | +2 |",
      "| Time to first response, median | 13 h 30 min | n/a | new |",
      "- #5 Crash when saving (closed 2026-11-18)",
      "| bug | 2 | 1 | 1 | 0 | 0.0 % |",
      "| question | 1 | 1 | 0 | 0 | 100.0 % |",
      "| `maint-a` | 1 | 1 d |",
      "| `maint-b` | 1 | 3 h |",
    ]) {
      expect(issue?.body).toContain(row);
    }
    expect(issue?.body).not.toContain("Login loops"); // W46's pain point is not this week's
    expect(await summaryRows(db())).toEqual([
      expect.objectContaining({
        scope: "repository",
        target_repository_id: 700,
        period_key: "2026-W47",
        output: "issue",
        status: "posted",
        github_number: 31,
        posted_at: MONDAY_9,
        work_state: null,
        attempts: null,
        locked_until: null,
        last_error: null, // done work is deleted
      }),
    ]);
  });

  it("posts nothing again on a second sweep, nor later that week", async () => {
    const { deps, installationsAsked } = await summaryDeps(db());
    expectIssue(REPO.fullName, 31, []);
    await sweepSummaries(deps, MONDAY_9);
    installationsAsked.length = 0;

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect(await sweepSummaries(deps, at("2026-11-29T23:59:00Z"))).toEqual({ posted: 0, failed: 0 });
    expect(installationsAsked).toEqual([]);
    expect((await summaryRows(db())).map((row) => [row.period_key, row.status, row.work_state])).toEqual([["2026-W47", "posted", null]]);
  });

  it("posts nothing one minute before 09:00; at 09:00 it posts W47 and closes W46's issue", async () => {
    const { deps, installationsAsked } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 30, posted);
    expect(await sweepSummaries(deps, at("2026-11-16T09:00:00Z"))).toEqual({ posted: 1, failed: 0 });
    expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-09 to 2026-11-15"]);
    installationsAsked.length = 0;

    expect(await sweepSummaries(deps, at("2026-11-23T08:59:00Z"))).toEqual({ posted: 0, failed: 0 });
    expect(installationsAsked).toEqual([]);

    expectIssue(REPO.fullName, 31, posted);
    expectClose(REPO.fullName, 30);
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
    expect(posted.map((issue) => issue.title)).toEqual([
      "Satisfaction report: 2026-11-09 to 2026-11-15",
      "Satisfaction report: 2026-11-16 to 2026-11-22",
    ]);
    expect((await summaryRows(db())).map((row) => [row.period_key, row.status, row.github_number])).toEqual([
      ["2026-W46", "posted", 30],
      ["2026-W47", "posted", 31],
    ]);
  });

  it("leaves the previous issue open with close_previous: false", async () => {
    await db().query("UPDATE repository_configs SET config = $1", [JSON.stringify({ summary: { close_previous: false } })]);
    const { deps } = await summaryDeps(db());
    expectIssue(REPO.fullName, 30, []);
    await sweepSummaries(deps, at("2026-11-16T09:00:00Z"));
    expectIssue(REPO.fullName, 31, []); // and no PATCH: an unmocked request would fail the test
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
  });

  it("after three weeks down, one sweep posts only the latest week and closes the last one posted", async () => {
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 20, posted);
    await sweepSummaries(deps, at("2026-11-02T09:00:00Z")); // W44, then the app is down until Wednesday of W48

    expectIssue(REPO.fullName, 31, posted);
    expectClose(REPO.fullName, 20);
    expect(await sweepSummaries(deps, at("2026-11-25T14:00:00Z"))).toEqual({ posted: 1, failed: 0 });

    expect(posted.map((issue) => issue.title)).toEqual([
      "Satisfaction report: 2026-10-26 to 2026-11-01",
      "Satisfaction report: 2026-11-16 to 2026-11-22",
    ]);
    expect(posted[1]?.body).toContain(WEEK47_HEADLINE);
    expect((await summaryRows(db())).map((row) => row.period_key)).toEqual(["2026-W44", "2026-W47"]);
  });

  it("with dry_run: true posts nothing and records the summary as dry_run, once", async () => {
    await db().query("UPDATE repository_configs SET config = $1", [JSON.stringify({ dry_run: true })]);
    const { deps, installationsAsked } = await summaryDeps(db());

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect(await sweepSummaries(deps, at("2026-11-23T10:00:00Z"))).toEqual({ posted: 0, failed: 0 });

    expect(installationsAsked).toEqual([INSTALLATION_ID]); // the dry run reads nothing from GitHub, but needs the stored config
    expect(await summaryRows(db())).toEqual([
      expect.objectContaining({
        period_key: "2026-W47",
        output: "issue",
        status: "dry_run",
        work_state: null,
        github_number: null,
        posted_at: MONDAY_9,
      }),
    ]);
  });

  it("sweeps no repository whose summaries are disabled", async () => {
    await db().query("UPDATE repository_configs SET config = $1", [JSON.stringify({ summary: { enabled: false } })]);
    const { deps, installationsAsked } = await summaryDeps(db());
    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect({ asked: installationsAsked, rows: await summaryRows(db()) }).toEqual({ asked: [], rows: [] });
  });
});

describe("quiet weeks stay quiet", () => {
  const { db } = useDatabase(createTestDatabase);
  beforeEach(async () => {
    await seedRepository(db());
    // The repository's only issue was opened, closed and answered in October: 2026-W47 saw nothing.
    await seedIssue(db(), {
      number: 1,
      reporter: 1,
      openedAt: "2026-10-01T00:00:00Z",
      closedAt: "2026-10-02T00:00:00Z",
      outcome: "positive",
    });
  });

  it("posts nothing for a week without activity, then nothing again", async () => {
    await storeConfig(db(), {});
    const { deps } = await summaryDeps(db());

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 0, failed: 0 });
    expect(await sweepSummaries(deps, at("2026-11-23T10:00:00Z"))).toEqual({ posted: 0, failed: 0 });
    expect(await summaryRows(db())).toEqual([]);
  });

  it("posts the quiet week when the configuration asks for quiet periods", async () => {
    await storeConfig(db(), { summary: { post_quiet_periods: true } });
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 41, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
    expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-16 to 2026-11-22"]);
  });

  it("counts a survey still waiting for its answer as activity", async () => {
    await seedIssue(db(), {
      number: 2,
      reporter: 2,
      openedAt: "2026-10-05T00:00:00Z",
      closedAt: "2026-10-06T00:00:00Z",
      outcome: "pending",
    });
    await storeConfig(db(), {});
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 42, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
    expect(posted).toHaveLength(1);
  });

  it("posts a week in which an issue was only opened", async () => {
    await seedIssue(db(), { number: 3, reporter: 3, openedAt: "2026-11-18T12:00:00Z" });
    await storeConfig(db(), {});
    const { deps } = await summaryDeps(db());
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 43, posted);

    expect(await sweepSummaries(deps, MONDAY_9)).toEqual({ posted: 1, failed: 0 });
  });
});

import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { claimJobRun, RECOVERY_JOB } from "../../src/queries/delivery-recovery.js";
import { privateKey } from "../helpers/app.js";
import { createTestDatabase, MIGRATION_FILES, useDatabase } from "../helpers/db.js";
import { seedInstallation, seedIssue, seedRepository, turnSummariesOff } from "../model/seed.js";

const run = runCli;

useEmptyFolderForCli();

const WINDOW = ["--from", "2026-11-01", "--to", "2026-12-01"];

describe("satisfaction-bot migrate", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await db().exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });

  it("prints the migrations it applied, then that none is pending", async () => {
    cliOnDatabase(url());
    expect(await run("migrate")).toEqual({ code: 0, out: [`migrations applied: ${MIGRATION_FILES.join(", ")}`], err: [] });
    expect(await run("migrate")).toEqual({ code: 0, out: ["migrations applied: none pending"], err: [] });
  });
});

describe("satisfaction-bot report and sweep", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100);
    await seedInstallation(db(), 200);
    await seedRepository(db(), 100, 700, "octo/app");
    await seedRepository(db(), 100, 701, "octo/twin");
    await seedRepository(db(), 200, 702, "octo/twin");
    // octo/app in [2026-11-01, 2026-12-01):
    //   3001 #1 pending (asked, next poll 2026-12-05); 3001 #2 positive, a repeat (#1 opened earlier)
    //   3002 #3 positive; 3003 #4 neutral
    // total 3, pending 1, positive 2, negative 0, neutral 1, repeat usage 1, market demand 3
    // satisfaction = 2/3 ≈ 66.7 %; loyalty = (2 + 1) / (3 + 1) = 75.0 %; business opportunity = 2/3 × 3/4 × 3 = 1.50
    const app = { installation: 100, repo: 700 };
    await seedIssue(db(), {
      ...app,
      number: 1,
      reporter: 3001,
      openedAt: "2026-10-01T08:00:00Z",
      closedAt: "2026-11-20T08:00:00Z",
      outcome: "pending",
      nextPollAt: "2026-12-05T00:00:00Z",
    });
    await seedIssue(db(), {
      ...app,
      number: 2,
      reporter: 3001,
      openedAt: "2026-10-05T08:00:00Z",
      closedAt: "2026-11-06T08:00:00Z",
      outcome: "positive",
    });
    await seedIssue(db(), {
      ...app,
      number: 3,
      reporter: 3002,
      openedAt: "2026-11-02T08:00:00Z",
      closedAt: "2026-11-07T08:00:00Z",
      outcome: "positive",
    });
    await seedIssue(db(), {
      ...app,
      number: 4,
      reporter: 3003,
      openedAt: "2026-11-03T08:00:00Z",
      closedAt: "2026-11-08T08:00:00Z",
      outcome: "neutral",
    });
    await seedIssue(db(), {
      installation: 200,
      repo: 702,
      number: 1,
      reporter: 3004,
      openedAt: "2026-11-03T08:00:00Z",
      closedAt: "2026-11-09T08:00:00Z",
      outcome: "negative",
    });
  });
  beforeEach(() => cliOnDatabase(url()));

  it("prints the report as one JSON object with --json; a bare date is 00:00 UTC", async () => {
    const { code, out, err } = await run("report", "--repo", "octo/app", ...WINDOW, "--json");
    expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
    const report = JSON.parse(out[0] ?? "") as Record<string, unknown>;
    expect(report).toEqual({
      repository: "octo/app",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
      total: 3,
      pending: 1,
      positive: 2,
      negative: 0,
      neutral: 1,
      repeatUsage: 1,
      marketDemand: 3,
      satisfaction: expect.closeTo(2 / 3, 12),
      loyalty: 0.75,
      businessOpportunity: expect.closeTo(1.5, 12),
      // #1 #2 #3 #4 took 50, 32, 5 and 5 days to close, nobody answered them: median 18.5 d,
      // 90th percentile 32 + 0.7 × 18 = 44.6 d.
      clock: "calendar",
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
      timeToClose: { medianSeconds: expect.closeTo(18.5 * 86_400, 6), p90Seconds: expect.closeTo(44.6 * 86_400, 6), count: 4 },
      responseRate: 0,
      channels: [
        {
          channel: "issues",
          total: 3,
          pending: 1,
          positive: 2,
          negative: 0,
          neutral: 1,
          satisfaction: expect.closeTo(2 / 3, 12),
          firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
        },
      ],
    });
  });

  it("takes market demand as the repository's configuration sets it", async () => {
    const reportWith = async (marketDemand: unknown) => {
      await db().query(
        `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at) VALUES (100, 700, $1, now())
         ON CONFLICT (installation_id, repository_id) DO UPDATE SET config = $1`,
        [JSON.stringify({ market_demand: marketDemand })],
      );
      const { out } = await run("report", "--repo", "octo/app", ...WINDOW, "--json");
      return JSON.parse(out[0] ?? "") as { marketDemand: number; businessOpportunity: number };
    };
    try {
      // a fixed demand of 40: business opportunity = 2/3 × 3/4 × 40 = 20
      expect(await reportWith(40)).toMatchObject({ marketDemand: 40, businessOpportunity: expect.closeTo(20, 12) });
      await db().query("UPDATE repositories SET stargazers_count = 120 WHERE id = 700");
      // the repository's 120 stars: 2/3 × 3/4 × 120 = 60
      expect(await reportWith("stars")).toMatchObject({ marketDemand: 120, businessOpportunity: expect.closeTo(60, 12) });
    } finally {
      await db().query("DELETE FROM repository_configs");
    }
  });

  it("takes date-times, without an offset as UTC, and with one converted to UTC", async () => {
    const { code, out } = await run(
      "report",
      "--repo",
      "OCTO/App",
      "--from",
      "2026-11-01T09:30:00",
      "--to",
      "2026-11-07T09:00:00+01:00",
      "--json",
    );
    expect(code).toBe(0);
    // [11-01T09:30Z, 11-07T08:00Z): #2 positive (repeat), #3 closed at 08:00Z is outside
    expect(JSON.parse(out[0] ?? "")).toMatchObject({
      repository: "octo/app",
      from: "2026-11-01T09:30:00.000Z",
      to: "2026-11-07T08:00:00.000Z",
      total: 1,
      positive: 1,
      repeatUsage: 1,
      marketDemand: 1,
    });
  });

  it("prints a table for people without --json", async () => {
    const { code, out, err } = await run("report", "--repo", "octo/app", ...WINDOW);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const table = out.join("\n");
    expect(table.split("\n")[0]).toBe(
      "octo/app: 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z (to exclusive); times on the calendar clock",
    );
    const rows: [string, string][] = [
      ["Satisfaction", "66.7 %"],
      ["Loyalty", "75.0 %"],
      ["Business opportunity", "1.50"],
      ["Experiences \\(known\\)", "3"],
      ["  positive", "2"],
      ["  negative", "0"],
      ["  neutral", "1"],
      ["Pending", "1"],
      ["Repeat usage", "1"],
      ["Market demand", "3"],
      ["Response rate", "0.0 %"],
      ["First response, median", "n/a"],
      ["Time to close, median", "18 d 12 h"],
      ["Time to close, p90", "44 d 14 h"],
    ];
    for (const [label, value] of rows) expect(table).toMatch(new RegExp(`^${label} +${value}$`, "m"));
  });

  it("prints n/a for a window without known experiences", async () => {
    const { code, out } = await run("report", "--repo", "octo/app", "--from", "2027-01-01", "--to", "2027-02-01");
    expect(code).toBe(0);
    for (const label of ["Satisfaction", "Loyalty", "Business opportunity"]) {
      expect(out.join("\n")).toMatch(new RegExp(`^${label} +n/a$`, "m"));
    }
  });

  it("picks the installation with --installation when a name is in several", async () => {
    const { code, out } = await run("report", "--repo", "octo/twin", ...WINDOW, "--installation", "200", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out[0] ?? "")).toMatchObject({ repository: "octo/twin", total: 1, negative: 1, satisfaction: -1 });
  });

  it.each([
    [[], "a command is required"],
    [["frobnicate"], "unknown command frobnicate"],
    [["migrate", "now"], "migrate takes no arguments"],
    [["report", ...WINDOW], "--repo is required"],
    [["report", "--repo", "octo", ...WINDOW], "--repo must be owner/name"],
    [["report", "--repo", "octo/app", "--from", "yesterday", "--to", "2026-12-01"], "--from must be an ISO-8601 date"],
    [["report", "--repo", "octo/app", "--from", "2026-11-01"], "--to is required"],
    [["report", "--repo", "octo/app", "--from", "2026-12-01", "--to", "2026-11-01"], "--to must be later than --from"],
    [["report", "--repo", "octo/app", "--from", "2026-11-01", "--to", "2026-11-01"], "--to must be later than --from"],
    [["report", "--repo", "octo/app", ...WINDOW, "--colour"], "Unknown option '--colour'"],
    [["report", "--repo", "octo/app", ...WINDOW, "extra"], "extra"],
    [["report", "--repo", "octo/app", ...WINDOW, "--installation", "first"], "--installation must be an installation id"],
    [["report", "--repo", "octo/none", ...WINDOW], "--repo octo/none is not a repository the app has seen"],
    [["report", "--repo", "octo/twin", ...WINDOW], "in several installations (100, 200): add --installation"],
    [["sweep", "--now", "soon"], "--now must be an ISO-8601 date"],
  ])("exits 2 with one line on stderr for %j", async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect({ code, out, lines: err.length }).toEqual({ code: 2, out: [], lines: 1 });
    expect(err[0]).toMatch(/^satisfaction-bot: [^\n]+ \(see satisfaction-bot --help\)$/);
    expect(err[0]).toContain(message);
  });

  it("exits 2 for a bare date that does not exist", async () => {
    const { code, err } = await run("report", "--repo", "octo/app", "--from", "2026-02-30", "--to", "2026-12-01");
    expect({ code, lines: err.length }).toEqual({ code: 2, lines: 1 });
  });

  it("exits 1 with one line naming the variable when the environment is wrong", async () => {
    vi.stubEnv("PORT", "eighty");
    const { code, out, err } = await run("migrate");
    expect({ code, out, lines: err.length }).toEqual({ code: 1, out: [], lines: 1 });
    expect(err[0]).toMatch(/^satisfaction-bot: Invalid environment: PORT: /);
  });

  it("refuses to sweep without APP_ID, exit 1", async () => {
    const { code, out, err } = await run("sweep", "--now", "2026-11-30");
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual(["satisfaction-bot: sweep needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to reach GitHub"]);
  });

  it("sweeps with nothing due, reaching no one, exit 0", async () => {
    vi.stubEnv("APP_ID", "123");
    vi.stubEnv("PRIVATE_KEY", privateKey.replace(/\n/g, "\\n"));
    await turnSummariesOff(db());
    // The redelivery of failed webhook deliveries ran at that instant: not due again for 10 minutes.
    await claimJobRun(db(), RECOVERY_JOB, new Date("2026-11-30T00:00:00Z"), 10);
    const result = await run("sweep", "--now", "2026-11-30");
    expect(result).toEqual({
      code: 0,
      out: [
        "sweep at 2026-11-30T00:00:00.000Z: 0 surveys worked, 0 installations unreachable, 0 summaries posted, 0 failed, 0 deliveries redelivered",
      ],
      err: [],
    });
    const { rows } = await db().query(
      `SELECT s.status, w.run_at, w.locked_until, w.attempts FROM surveys s
       JOIN work w ON w.installation_id = s.installation_id AND w.kind = 'survey.read' AND w.key = s.id::text
       WHERE s.status = 'asked'`,
    );
    expect(rows).toEqual([{ status: "asked", run_at: new Date("2026-12-05T00:00:00Z"), locked_until: null, attempts: 0 }]);
  });
});

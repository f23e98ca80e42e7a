import nock from "nock";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { API, mockToken, privateKey } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import type { IssueRequest } from "./support.js";
import {
  expectIssue,
  mockConfigFile,
  REPO,
  seedRepository,
  seedWeek47,
  storeConfig,
  summaryRows,
  WEEK47_ALERT,
  WEEK47_HEADLINE,
} from "./support.js";

const MARKER = "<!-- satisfaction-bot:summary:repository:700:2026-W47:issue -->";

const run = runCli;

useEmptyFolderForCli();

describe("satisfaction-bot summary", () => {
  const { db, url } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedRepository(db());
    await seedWeek47(db());
  });
  beforeEach(async () => {
    cliOnDatabase(url());
    await db().exec("DELETE FROM work WHERE kind = 'summary.post'; DELETE FROM summaries; DELETE FROM repository_configs;");
  });

  function withCredentials() {
    vi.stubEnv("APP_ID", "123");
    vi.stubEnv("PRIVATE_KEY", privateKey.replace(/\n/g, "\\n"));
  }

  it("--dry-run without APP_ID prints the Markdown, asking GitHub nothing and recording nothing", async () => {
    const { code, out, err } = await run("summary", "--repo", "o/r", "--period", "2026-W47", "--dry-run");

    expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
    expect(out[0]?.startsWith(`${MARKER}\n\n${WEEK47_ALERT}\n\n${WEEK47_HEADLINE}\n\n## Figures`)).toBe(true);
    expect(out[0]).toContain("- #5 Crash when saving (closed 2026-11-18)");
    expect(await summaryRows(db())).toEqual([]);
  });

  it("with APP_ID posts the week's issue once, however often it is run, with the configuration read from GitHub", async () => {
    withCredentials();
    mockToken();
    mockConfigFile(REPO.fullName, "summary:\n  labels: [support, report]\n");
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 31, posted);

    expect(await run("summary", "--repo", "o/r", "--period", "2026-W47")).toEqual({
      code: 0,
      out: ["summary 2026-W47 for o/r: posted"],
      err: [],
    });
    // The configuration is fresh now and the summary done: the second run makes no request at all.
    expect(await run("summary", "--repo", "o/r", "--period", "2026-W47")).toEqual({
      code: 0,
      out: ["summary 2026-W47 for o/r: already_done"],
      err: [],
    });

    expect(posted.map((issue) => [issue.title, issue.labels])).toEqual([
      ["Satisfaction report: 2026-11-16 to 2026-11-22", ["support", "report"]],
    ]);
    expect(posted[0]?.body.startsWith(`${MARKER}\n\n${WEEK47_ALERT}\n\n${WEEK47_HEADLINE}`)).toBe(true);
    expect(await summaryRows(db())).toEqual([
      expect.objectContaining({ period_key: "2026-W47", output: "issue", status: "posted", github_number: 31, work_state: null }),
    ]);
  });

  it("posts a month with a monthly period key, its title naming the month's days", async () => {
    withCredentials();
    await storeConfig(db(), { summary: { schedule: "monthly", close_previous: false } });
    mockToken();
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 40, posted);

    expect(await run("summary", "--repo", "o/r", "--period", "2026-10")).toEqual({
      code: 0,
      out: ["summary 2026-10 for o/r: posted"],
      err: [],
    });
    expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-10-01 to 2026-10-31"]);
  });

  // Only an earlier period's report is closed: backfilling an older week leaves the current one open.
  it("backfilling an older week leaves the newer week's report open", async () => {
    withCredentials();
    await storeConfig(db(), {});
    await db().query(
      `INSERT INTO summaries (installation_id, scope, target_repository_id, period_key, output, status, github_number, posted_at)
       VALUES (4242, 'repository', 700, '2026-W47', 'issue', 'posted', 31, $1)`,
      [new Date("2026-11-23T09:00:00Z")],
    );
    mockToken();
    const posted: IssueRequest[] = [];
    expectIssue(REPO.fullName, 29, posted);
    const closed: number[] = [];
    nock(API)
      .patch("/repos/o/r/issues/31")
      .optionally()
      .reply(() => {
        closed.push(31);
        return [200, { number: 31 }];
      });

    expect(await run("summary", "--repo", "o/r", "--period", "2026-W45")).toEqual({
      code: 0,
      out: ["summary 2026-W45 for o/r: posted"],
      err: [],
    });
    expect(posted.map((issue) => issue.title)).toEqual(["Satisfaction report: 2026-11-02 to 2026-11-08"]);
    expect(closed).toEqual([]);
  });

  it.each([
    ["2026-W60", 'Invalid period key "2026-W60": ISO week-year 2026 has no week 60'],
    ["2026-13", 'Invalid period key "2026-13": there is no month 13'],
    ["2026-02-30", 'Invalid period key "2026-02-30": 2026-02 has no day 30'],
    ["2026-W7", "--period must be a week (2026-W47), a month (2026-11) or a day (2026-11-23)"],
  ])("exits 2 with one line on stderr for --period %s", async (period, message) => {
    const dryRun = await run("summary", "--repo", "o/r", "--period", period, "--dry-run");
    withCredentials();
    await storeConfig(db(), {}); // fresh: nothing to read from GitHub before the period is checked
    const posting = await run("summary", "--repo", "o/r", "--period", period);

    for (const { code, out, err } of [dryRun, posting]) {
      expect({ code, out, lines: err.length }).toEqual({ code: 2, out: [], lines: 1 });
      expect(err[0]).toMatch(/^satisfaction-bot: --period [^\n]+ \(see satisfaction-bot --help\)$/);
      expect(err[0]).toContain(message);
    }
    expect(await summaryRows(db())).toEqual([]);
  });
});

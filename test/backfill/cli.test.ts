import { beforeEach, describe, expect, it, vi } from "vitest";
import { cliOnDatabase, runCli, useEmptyFolderForCli } from "../helpers/cli.js";
import { privateKey } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID } from "../helpers/fixtures.js";
import { rowsOf } from "../webhooks/support.js";
import {
  issueRows,
  issuesPage,
  mockScenario,
  mockToken,
  NOW,
  SCENARIO,
  SCENARIO_ISSUES,
  seedRepository,
  SINCE,
  workRows,
} from "./support.js";

useEmptyFolderForCli();

describe("satisfaction-bot backfill", () => {
  const { db, url } = useDatabase(createTestDatabase);
  beforeEach(async () => {
    cliOnDatabase(url());
    await seedRepository(db(), NOW);
  });

  const withCredentials = () => {
    vi.stubEnv("APP_ID", "123");
    vi.stubEnv("PRIVATE_KEY", privateKey.replace(/\n/g, "\\n"));
  };

  it("imports the repository's history since the date, to the end, and prints what it imported", async () => {
    withCredentials();
    mockToken();
    mockScenario();

    expect(await runCli("backfill", "--repo", "Codertocat/Hello-World", "--since", SINCE)).toEqual({
      code: 0,
      out: [
        "backfill of Codertocat/Hello-World since 2026-09-01T12:00:00.000Z: 3 issues, 7 comments, " +
          "first responses: 2 by maintainers, 2 by anyone; done",
      ],
      err: [],
    });
    expect(await issueRows(db())).toEqual(SCENARIO_ISSUES);
    expect(await workRows(db())).toEqual([]);
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM surveys")).toEqual([{ n: 0 }]);
  });

  it("stops when GitHub's rate limit runs low, says so, and goes on from there when run again", async () => {
    withCredentials();
    mockToken();
    const reset = Math.floor(Date.now() / 1000) + 1800;
    const low = { "x-ratelimit-remaining": "10", "x-ratelimit-limit": "5000", "x-ratelimit-reset": String(reset) };
    issuesPage(SINCE, 1, SCENARIO.issues1, { next: true, headers: low });

    const paused = await runCli("backfill", "--repo", "Codertocat/Hello-World", "--since", SINCE);

    expect(paused).toEqual({
      code: 0,
      out: [
        "backfill of Codertocat/Hello-World since 2026-09-01T12:00:00.000Z: 1 issues, 0 comments, first responses: 0 by maintainers, " +
          `0 by anyone; paused until ${new Date(reset * 1000).toISOString()} (GitHub's rate limit is low, or the app is importing it now); ` +
          "the app's sweep goes on, or run this again",
      ],
      err: [],
    });
  });

  it("exits 1 when the installation's backfill failed for good, until it is retried", async () => {
    withCredentials();
    await db().query(
      `INSERT INTO work (installation_id, kind, key, state, run_at, attempts, last_error, failed_at)
       VALUES ($1, 'backfill.installation', $3, 'failed', $2, 8, 'Server Error', $2)`,
      [INSTALLATION_ID, NOW, String(INSTALLATION_ID)],
    );

    expect(await runCli("backfill", "--repo", "Codertocat/Hello-World", "--since", SINCE)).toEqual({
      code: 1,
      out: [],
      err: ["satisfaction-bot: backfill failed: Server Error (see satisfaction-bot failures)"],
    });
  });

  it.each([
    [["--repo", "Codertocat/Hello-World"], "satisfaction-bot: --since is required (see satisfaction-bot --help)"],
    [["--repo", "Codertocat/Hello-World", "--since", "2026-13-01"], "satisfaction-bot: --since must be an ISO-8601 date"],
    [["--repo", "octo/unknown", "--since", SINCE], "satisfaction-bot: --repo octo/unknown is not a repository the app has seen"],
    [["--repo", "Codertocat/Hello-World", "--since", "2099-01-01"], "satisfaction-bot: --since must be in the past"],
  ])("exits 2 on wrong arguments: %j", async (args, message) => {
    withCredentials();
    const { code, out, err } = await runCli("backfill", ...args);
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err[0]?.startsWith(message)).toBe(true);
  });

  it("exits 1 without the app's credentials, importing nothing", async () => {
    expect(await runCli("backfill", "--repo", "Codertocat/Hello-World", "--since", SINCE)).toEqual({
      code: 1,
      out: [],
      err: ["satisfaction-bot: backfill needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to read GitHub"],
    });
    expect(await rowsOf(db(), "SELECT count(*)::int AS n FROM backfill_runs")).toEqual([{ n: 0 }]);
  });

  it("is in --help", async () => {
    const { code, out } = await runCli("--help");
    expect(code).toBe(0);
    expect(out[0]).toContain("backfill --repo <owner/name> --since <date>");
  });
});

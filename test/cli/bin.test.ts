import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJobRun, RECOVERY_JOB } from "../../src/queries/delivery-recovery.js";
import { privateKey } from "../helpers/app.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase, MIGRATION_FILES } from "../helpers/db.js";
import { seedInstallation, seedPositiveAndNegative, seedRepository, turnSummariesOff } from "../model/seed.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(root, "bin", "satisfaction-bot.js");

let store: TestDatabase;
let cwd: string;

/** `node bin/satisfaction-bot.js ...` from an empty folder (no .env), with DATABASE_URL and `extra` only. */
function cli(argv: string[], extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", DATABASE_URL: store.url, ...extra };
  for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "LOG_LEVEL", "PORT", "GHE_HOST", "DATA_DIR"]) {
    if (!(name in extra)) delete env[name];
  }
  const child = spawnSync(process.execPath, [bin, ...argv], { cwd, env, encoding: "utf8", timeout: 25_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-cli-"));
  store = await createTestDatabase();
  await store.db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
});

afterAll(async () => {
  await store.drop();
  fs.rmSync(cwd, { recursive: true, force: true });
});

describe("bin/satisfaction-bot.js as a child process", () => {
  it("migrates a fresh database, then finds nothing pending", () => {
    expect(cli(["migrate"])).toEqual({ status: 0, stdout: `migrations applied: ${MIGRATION_FILES.join(", ")}\n`, stderr: "" });
    expect(cli(["migrate"])).toEqual({ status: 0, stdout: "migrations applied: none pending\n", stderr: "" });
  });

  it("prints the report as one JSON line with --json", async () => {
    await seedInstallation(store.db, 300);
    await seedRepository(store.db, 300, 900, "octo/bin");
    // one positive and one negative in November, by two first-time reporters:
    // satisfaction = (1 − 1) / 2 = 0; loyalty = (1 + 0) / (2 + 0) = 0.5; business opportunity = 0 × 0.5 × 2 = 0
    await seedPositiveAndNegative(store.db, 300, 900);

    const { status, stdout, stderr } = cli(["report", "--repo", "octo/bin", "--from", "2026-11-01", "--to", "2026-12-01", "--json"]);
    expect({ status, stderr, lines: lines(stdout).length }).toEqual({ status: 0, stderr: "", lines: 1 });
    expect(JSON.parse(stdout)).toEqual({
      repository: "octo/bin",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
      total: 2,
      pending: 0,
      positive: 1,
      negative: 1,
      neutral: 0,
      repeatUsage: 0,
      marketDemand: 2,
      satisfaction: 0,
      loyalty: 0.5,
      businessOpportunity: 0,
      // closed after 1 and 2 days, neither answered: median 1.5 d, 90th percentile 1.9 d
      clock: "calendar",
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
      timeToClose: { medianSeconds: 1.5 * 86_400, p90Seconds: expect.closeTo(1.9 * 86_400, 6), count: 2 },
      responseRate: 0,
      channels: [
        {
          channel: "issues",
          total: 2,
          pending: 0,
          positive: 1,
          negative: 1,
          neutral: 0,
          satisfaction: 0,
          firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
        },
      ],
    });
  });

  it("prints the table without --json", () => {
    const { status, stdout } = cli(["report", "--repo", "octo/bin", "--from", "2026-11-01", "--to", "2026-12-01"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Loyalty +50\.0 %$/m);
    expect(stdout).toMatch(/^Satisfaction +0\.0 %$/m);
    expect(stdout).toMatch(/^ {2}issues +2 +0\.0 % +n\/a$/m);
  });

  it.each([
    [["report", "--repo", "octo/bin", "--from", "2026-12-01", "--to", "2026-11-01"]],
    [["report", "--repo", "octo/nowhere", "--from", "2026-11-01", "--to", "2026-12-01"]],
    [["report", "--repo", "octo/bin", "--from", "2026-11-01", "--to", "2026-12-01", "--verbose"]],
    [["launch"]],
  ])("exits 2 with exactly one line on stderr for %j", (argv) => {
    const { status, stdout, stderr } = cli(argv);
    expect({ status, stdout }).toEqual({ status: 2, stdout: "" });
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^satisfaction-bot: .+ \(see satisfaction-bot --help\)\n$/);
  });

  it("exits 1 for sweep without APP_ID", () => {
    const { status, stderr } = cli(["sweep"]);
    expect(status).toBe(1);
    expect(stderr).toBe("satisfaction-bot: sweep needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to reach GitHub\n");
  });

  it("exits 0 for sweep --now 2026-11-30 with credentials and nothing due", async () => {
    await turnSummariesOff(store.db);
    // The redelivery of failed webhook deliveries ran at that instant: not due again for 10 minutes.
    await claimJobRun(store.db, RECOVERY_JOB, new Date("2026-11-30T00:00:00Z"), 10);
    const { status, stdout, stderr } = cli(["sweep", "--now", "2026-11-30"], {
      APP_ID: "123",
      PRIVATE_KEY: privateKey.replace(/\n/g, "\\n"),
    });
    expect({ status, stdout, stderr }).toEqual({
      status: 0,
      stdout:
        "sweep at 2026-11-30T00:00:00.000Z: 0 surveys worked, 0 installations unreachable, 0 summaries posted, 0 failed, 0 deliveries redelivered\n",
      stderr: "",
    });
  });

  it("prints the usage for --help", () => {
    const { status, stdout } = cli(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: satisfaction-bot <command>\n/);
  });
});

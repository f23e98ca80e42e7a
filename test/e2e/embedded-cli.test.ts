import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { socketDir, socketPath } from "../../src/db/cli-socket.js";
import { openDatabase } from "../../src/db/open.js";
import type { BuiltApp } from "../helpers/built-app.js";
import { startBuiltApp } from "../helpers/built-app.js";
import { issuesPayload } from "../helpers/fixtures.js";
import type { GitHubStandIn } from "../helpers/github-stand-in.js";
import { startGitHubStandIn } from "../helpers/github-stand-in.js";
import { postWebhook } from "../helpers/http.js";
import { seedInstallation, seedRepository, seedSurvey } from "../helpers/seed-work.js";
import { seedPositiveAndNegative } from "../model/seed.js";

// `npm start` with no DATABASE_URL holds the embedded database; the CLI, run beside it, reaches it
// through the server's socket in DATA_DIR, and prints what it prints on the folder opened directly.
const root = new URL("../../", import.meta.url).pathname;
const bin = path.join(root, "bin", "satisfaction-bot.js");
const run = promisify(execFile);
const SECRET = "shared-embedded-webhook-secret";

let dataDir: string;
let cwd: string;
let github: GitHubStandIn;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, NODE_ENV: "test", DATA_DIR: dataDir };
  return run(process.execPath, [bin, ...argv], { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const report = () => cli("report", "--repo", "octo/shared", "--from", "2026-11-01", "--to", "2026-12-01", "--json");
const failures = () => cli("failures", "--installation", "300", "--json");
// PGlite starts from WebAssembly and migrates first: slow on a busy machine (tests run side by side).
const startApp = () => startBuiltApp(SECRET, { DATA_DIR: dataDir, GHE_HOST: github.host, GHE_PROTOCOL: "http" }, 120_000);
const stopped = (app: BuiltApp, signal: NodeJS.Signals) => {
  app.child.kill(signal);
  return app.exited();
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-shared-"));
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), "sbt-cli-"));
  github = await startGitHubStandIn();
});

afterAll(async () => {
  await github.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(cwd, { recursive: true, force: true });
});

describe("the CLI beside the server on the embedded database", { timeout: 300_000 }, () => {
  let throughServer: { report: Awaited<ReturnType<typeof cli>>; failures: Awaited<ReturnType<typeof cli>> };

  it("answers through the running server's socket while it handles webhooks", async () => {
    const app = await startApp();
    try {
      expect(fs.statSync(socketDir(dataDir)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(socketPath(dataDir)).mode & 0o777).toBe(0o600);
      const db = await openDatabase({ DATA_DIR: dataDir });
      expect(db.kind).toBe("postgres");
      await seedInstallation(db, 300, "octo");
      await seedRepository(db, 300, 900, "octo/shared");
      await seedPositiveAndNegative(db, 300, 900);
      await seedSurvey(db, {
        id: 12,
        installation: 300,
        repo: 900,
        issue: 3,
        status: "failed",
        attempts: 8,
        lastError: "Server Error",
        endedAt: "2026-11-20T08:00:00Z",
      });
      await db.close();

      const webhooks = [1, 2, 3, 4].flatMap((number) =>
        (["opened", "closed"] as const).map((action) =>
          postWebhook(`${app.base}/api/github/webhooks`, SECRET, JSON.stringify(issuesPayload(action, { number }))),
        ),
      );
      const [reported, failed, ...answers] = await Promise.all([report(), failures(), ...webhooks]);
      expect(answers.map((answer) => answer.status)).toEqual(webhooks.map(() => 200));
      expect({ code: reported.code, stderr: reported.stderr }).toEqual({ code: 0, stderr: "" });
      expect(JSON.parse(reported.stdout)).toMatchObject({ repository: "octo/shared", total: 2, positive: 1, negative: 1 });
      expect({ code: failed.code, stderr: failed.stderr }).toEqual({ code: 0, stderr: "" });
      expect(failed.stdout).toContain('"Server Error"');
      throughServer = { report: reported, failures: failed };
    } finally {
      expect(await stopped(app, "SIGTERM")).toBe(0);
    }
    expect(fs.existsSync(socketPath(dataDir))).toBe(false);
  });

  it("prints the same on the folder opened directly once the server stopped", async () => {
    expect({ report: await report(), failures: await failures() }).toEqual(throughServer);
  });

  it("opens the folder itself when the server was killed and left its socket behind", async () => {
    const app = await startApp();
    await stopped(app, "SIGKILL");
    expect(fs.existsSync(socketPath(dataDir))).toBe(true);
    expect(await cli("migrate")).toEqual({ code: 0, stdout: "migrations applied: none pending\n", stderr: "" });
    expect(await report()).toEqual(throughServer.report);
  });
});

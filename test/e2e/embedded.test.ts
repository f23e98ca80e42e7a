import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/pglite.js";
import { privateKey } from "../helpers/app.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { freePort, postWebhook } from "../helpers/http.js";

const SECRET = "embedded-test-webhook-secret";

// `npm start` on a fresh machine: no APP_ID gives Probot's setup page; no DATABASE_URL gives the
// embedded database, which a second server may not open at the same time (the CLI reaches it through the first).
const root = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);

async function startApp(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const port = await freePort();
  const child = spawn("node", ["lib/main.js"], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1", NO_SMEE_SETUP: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once("exit", () => (exited = true));
  // PGlite starts from WebAssembly and migrates first: slow on a busy machine (tests run side by side).
  for (let i = 0; i < 1200 && !exited; i++) {
    if ((await fetch(`${base}/ping`).catch(() => null))?.status === 200) return { child, base, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`the app did not start:\n${output}`);
}

describe("npm start on a fresh machine", { timeout: 240_000 }, () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    running?.kill("SIGTERM");
    running = undefined;
  });

  it("serves Probot's setup page when no APP_ID is set", async () => {
    const { child, base } = await startApp({ APP_ID: "" });
    running = child;
    const page = await fetch(`${base}/probot`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("satisfaction-bot");
  });

  it("keeps its data in the embedded database in DATA_DIR, for one server only, shared with the CLI", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-data-"));
    const env = { APP_ID: "4242", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, DATA_DIR: dataDir };
    const { child } = await startApp(env);
    running = child;
    expect(fs.existsSync(path.join(dataDir, "pglite", "PG_VERSION"))).toBe(true);

    const second = run("node", ["lib/main.js"], { cwd: root, env: { PATH: process.env.PATH, ...env, PORT: "0" } });
    const refused = await second.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/in use by another process \(pid \d+\)/);
    // The CLI reaches the running server's database through its socket (test/e2e/embedded-cli.test.ts).
    const beside = await run("node", ["bin/satisfaction-bot.js", "migrate"], { cwd: root, env: { PATH: process.env.PATH, ...env } });
    expect(beside.stdout).toContain("none pending");

    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    running = undefined;
    const { stdout } = await run("node", ["bin/satisfaction-bot.js", "migrate"], { cwd: root, env: { PATH: process.env.PATH, ...env } });
    expect(stdout).toContain("none pending");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // PGlite runs with fsync off: what it acknowledged is in the files when the process dies, though
  // not safe from the machine losing power (docs/architecture.md says so: production uses PostgreSQL).
  it("keeps an acknowledged delivery when the process is killed, and starts again on the same folder", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-data-"));
    const env: NodeJS.ProcessEnv = {
      APP_ID: "4242",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      DATA_DIR: dataDir,
      LOG_LEVEL: "fatal",
    };
    const stopped = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));
    const first = await startApp(env);
    running = first.child;
    const response = await postWebhook(`${first.base}/api/github/webhooks`, SECRET, JSON.stringify(issuesPayload("opened")), {
      "x-github-delivery": "kill-1",
    });
    expect(response.status).toBe(200);
    first.child.kill("SIGKILL");
    await stopped(first.child);

    // The dead process's lock goes stale and is taken over.
    const second = await startApp(env);
    running = second.child;
    second.child.kill("SIGTERM");
    await stopped(second.child);
    running = undefined;

    const db = await openPglite(dataDir);
    try {
      expect((await db.query("SELECT id, event FROM deliveries")).rows).toEqual([{ id: "kill-1", event: "issues.opened" }]);
      expect((await db.query("SELECT number, state FROM issues")).rows).toEqual([{ number: 1, state: "open" }]);
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

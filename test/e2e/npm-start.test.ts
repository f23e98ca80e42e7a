import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateKey } from "../helpers/app.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase } from "../helpers/db.js";
import { issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { freePort, postWebhook, signature, until } from "../helpers/http.js";
import type { GitHubStandIn } from "../helpers/github-stand-in.js";
import { startGitHubStandIn } from "../helpers/github-stand-in.js";

// The app as a user runs it (`npm start`, in its own process) against a GitHub Enterprise-style
// base URL over http, answering signed webhooks; then the CLI, as its own process, on the same data.
const SECRET = "e2e-test-webhook-secret";
const root = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);

describe("npm start against a GitHub Enterprise-style stand-in", () => {
  let store: TestDatabase;
  let github: GitHubStandIn;
  let app: ChildProcess;
  let base: string;
  let output = "";
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    store = await createTestDatabase();
    github = await startGitHubStandIn();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_ID: "4242",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      DATABASE_URL: store.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    };
    app = spawn("npm", ["start", "--silent"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    app.stdout?.on("data", (chunk) => (output += chunk));
    app.stderr?.on("data", (chunk) => (output += chunk));
    const up = await until(async () => (await fetch(`${base}/ping`)).status === 200, 40_000);
    if (!up) throw new Error(`the app did not start:\n${output}`);
  });

  afterAll(async () => {
    if (app?.pid) process.kill(-app.pid, "SIGTERM");
    await github?.close();
    await store?.drop();
  });

  const deliver = (payload: object, forged?: string) =>
    postWebhook(`${base}/api/github/webhooks`, SECRET, JSON.stringify(payload), forged ? { "x-hub-signature-256": forged } : {});

  it("answers /ping", async () => {
    expect(await (await fetch(`${base}/ping`)).text()).toBe("PONG");
  });

  it("refuses a forged signature and stores nothing from it", async () => {
    const response = await deliver(issuesPayload("opened", { number: 7 }), signature(SECRET, "something else"));
    expect(response.status).toBe(400);
    expect((await store.db.query("SELECT * FROM issues WHERE number = 7")).rowCount).toBe(0);
  });

  it("asks on close, and the CLI sweep and report see the reporter's reaction", async () => {
    expect((await deliver(issuesPayload("opened"))).status).toBe(200);
    expect((await deliver(issuesPayload("closed", { closedAt: "2026-11-05T10:00:00Z" }))).status).toBe(200);
    expect(await until(() => github.comments().length === 1, 15_000), output).toBe(true);
    const [comment] = github.comments();
    expect(comment?.body).toContain(`@${REPORTER.login}`);
    github.react(comment!.id, "+1");

    const later = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    await run("node", ["bin/satisfaction-bot.js", "sweep", "--now", later], { cwd: root, env });
    expect(github.state.requests.filter((r) => r.path.endsWith(`/issues/comments/${comment!.id}/reactions`)).length).toBe(1);

    const args = ["report", "--repo", "Codertocat/Hello-World", "--from", "2026-11-01", "--to", "2026-11-08", "--json"];
    const { stdout } = await run("node", ["bin/satisfaction-bot.js", ...args], { cwd: root, env });
    expect(JSON.parse(stdout)).toMatchObject({
      repository: "Codertocat/Hello-World",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-08T00:00:00.000Z",
      total: 1,
      pending: 0,
      positive: 1,
      negative: 0,
      neutral: 0,
      repeatUsage: 0,
      marketDemand: 1,
      satisfaction: 1,
      loyalty: 1,
      businessOpportunity: 1,
    });
  });
});

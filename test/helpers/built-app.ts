import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import { privateKey } from "./app.js";
import type { TestDatabase } from "./db.js";
import { createTestDatabase } from "./db.js";
import type { GitHubStandIn } from "./github-stand-in.js";
import { startGitHubStandIn } from "./github-stand-in.js";
import { freePort, until } from "./http.js";

const root = new URL("../../", import.meta.url).pathname;

export type BuiltApp = { child: ChildProcess; base: string; env: NodeJS.ProcessEnv; exited: () => Promise<number | null> };

/**
 * Starts the built app (lib/main.js, built by the tests' global setup) as a process on a random
 * loopback port, with `env` over a minimal environment (an App ID and key, `secret`, quiet logs),
 * and waits until it answers /ping (longer for the embedded database: PGlite starts from WebAssembly).
 */
export async function startBuiltApp(secret: string, env: NodeJS.ProcessEnv, startWithinMs = 40_000): Promise<BuiltApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    APP_ID: "4242",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: secret,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "fatal",
    ...env,
  };
  const child = spawn("node", ["lib/main.js"], { cwd: root, env: fullEnv, stdio: "ignore" });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  if (!(await until(async () => (await fetch(`${base}/ping`)).ok, startWithinMs))) {
    child.kill("SIGKILL");
    throw new Error(`the built app did not answer /ping within ${startWithinMs / 1000} s`);
  }
  return { child, base, env: fullEnv, exited: () => exit };
}

export type AppAgainstStandIn = { store: TestDatabase; github: GitHubStandIn; app: BuiltApp };

/**
 * For a whole test file: a fresh PostgreSQL database, the GitHub stand-in (through GHE_HOST, over
 * http) and the built app on both; killed and dropped after the file. Read them once the hooks ran.
 */
export function useAppAgainstStandIn(secret: string): () => AppAgainstStandIn {
  let started: AppAgainstStandIn | undefined;
  beforeAll(async () => {
    const store = await createTestDatabase();
    const github = await startGitHubStandIn();
    const app = await startBuiltApp(secret, { GHE_HOST: github.host, GHE_PROTOCOL: "http", DATABASE_URL: store.url });
    started = { store, github, app };
  });
  afterAll(async () => {
    started?.app.child.kill("SIGKILL");
    await started?.github.close();
    await started?.store.drop();
  });
  return () => {
    if (!started) throw new Error("the app is not started yet: read it inside a test");
    return started;
  };
}

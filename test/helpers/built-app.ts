import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { privateKey } from "./app.js";
import { until } from "./http.js";

const root = new URL("../../", import.meta.url).pathname;

export type BuiltApp = { child: ChildProcess; base: string; env: NodeJS.ProcessEnv; exited: () => Promise<number | null> };

/**
 * Starts the built app (lib/main.js, built by the tests' global setup) as a process on a random
 * loopback port, with `env` over a minimal environment (an App ID and key, `secret`, quiet logs),
 * and waits until it answers /ping.
 */
export async function startBuiltApp(secret: string, env: NodeJS.ProcessEnv): Promise<BuiltApp> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
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
  if (!(await until(async () => (await fetch(`${base}/ping`)).ok, 40_000))) {
    child.kill("SIGKILL");
    throw new Error("the built app did not answer /ping within 40 s");
  }
  return { child, base, env: fullEnv, exited: () => exit };
}

import { run } from "probot";
import type { AppDeps } from "./app-deps.js";
import { configFor } from "./config/repository-config.js";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open.js";
import type { Env } from "./env.js";
import { loadDotEnv, parseEnv } from "./env.js";
import { createProbot } from "./github/probot.js";
import { satisfactionBot } from "./index.js";
import { createLogger } from "./logger.js";
import { startScheduler } from "./scheduler.js";
import { startServer } from "./server.js";

const SWEEP_INTERVAL_MS = 60_000;

function readEnv(): Env {
  loadDotEnv();
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** `npm start`: the webhook server and the in-process sweep, or Probot's setup page with no APP_ID. */
async function start(): Promise<void> {
  const env = readEnv();
  if (!env.APP_ID || !env.privateKey) {
    console.info("No APP_ID: starting Probot's setup page to register the GitHub App.");
    await run(() => {});
    return;
  }
  const log = createLogger(env.LOG_LEVEL);
  const db = await openDatabase(env);
  const applied = await migrate(db);
  log.info({ applied, database: db.kind }, "database ready");
  const clock = () => new Date();
  const deps: AppDeps = { db, clock, config: (octokit, target, log) => configFor({ db, log }, octokit, target) };
  const probot = createProbot({ ...env, APP_ID: env.APP_ID, privateKey: env.privateKey }, log);
  const server = await startServer(probot, satisfactionBot(deps), env, log);
  const octokitFor = (installationId: number) => probot.auth(installationId);
  const scheduler = startScheduler({ db, log, octokitFor }, clock, SWEEP_INTERVAL_MS, log);

  const stop = async (signal: string) => {
    log.info({ signal }, "stopping");
    server.close();
    await scheduler.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

start().catch((error: unknown) => {
  console.error(`satisfaction-bot failed to start: ${(error as Error).message}`);
  process.exit(1);
});

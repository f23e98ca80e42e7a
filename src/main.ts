import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { run } from "probot";
import { migrate } from "./db/migrate.js";
import { startAppServer } from "./app-server.js";
import { openServerDatabase } from "./db/open.js";
import type { Db } from "./db/types.js";
import type { Env } from "./env.js";
import { loadDotEnv, parseEnv, webhookSecretRefusals } from "./env.js";
import { createLogger, logFormatFor } from "./logger.js";
import type { Scheduler } from "./scheduler.js";
import { startScheduler } from "./scheduler.js";

const SWEEP_INTERVAL_MS = 60_000;
const MIGRATE_RETRY_MS = 5_000;

function readEnv(): Env {
  loadDotEnv();
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const refusals = webhookSecretRefusals(env);
  if (refusals.length === 0) return env;
  console.error(`Refusing to start: the webhook secret would let anyone sign webhooks.\n  ${refusals.join("\n  ")}`);
  process.exit(1);
}

async function tryMigrate(db: Db, log: Logger): Promise<boolean> {
  try {
    log.info({ applied: await migrate(db), database: db.kind }, "database ready");
    return true;
  } catch (error) {
    log.error({ err: error, retryInMs: MIGRATE_RETRY_MS }, "database unavailable at start; webhooks answered 503 until it is back");
    return false;
  }
}

/** Migrates, retrying while PostgreSQL is down: the server answers 503 to webhooks meanwhile. */
async function migrateWhenReachable(db: Db, log: Logger, stopped: () => boolean): Promise<boolean> {
  while (!stopped()) {
    if (await tryMigrate(db, log)) return true;
    await sleep(MIGRATE_RETRY_MS);
  }
  return false;
}

/** `npm start`: the webhook server and the in-process sweep, or Probot's setup page with no APP_ID. */
async function start(): Promise<void> {
  const env = readEnv();
  if (!env.APP_ID || !env.privateKey) {
    console.info("No APP_ID: starting Probot's setup page to register the GitHub App.");
    await run(() => {});
    return;
  }
  const log = createLogger(env.LOG_LEVEL, 1, logFormatFor(env));
  const db = await openServerDatabase(env, log);
  const clock = () => new Date();
  // Migrated before listening when the database is up; otherwise listen at once and migrate when it is back.
  let ready = await tryMigrate(db, log);
  let stopping = false;
  const app = await startAppServer({ env: { ...env, APP_ID: env.APP_ID, privateKey: env.privateKey }, db, log, clock, ready: () => ready });
  // Started once the database is ready; stopped (its run in hand finished) on SIGTERM.
  const started: { scheduler?: Scheduler } = {};

  const stop = async (signal: string) => {
    stopping = true;
    log.info({ signal }, "stopping: finishing the work in hand");
    app.server.close();
    await Promise.all([started.scheduler?.stop(), app.worker.drain()]);
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  if (!ready && !(await migrateWhenReachable(db, log, () => stopping))) return;
  ready = true;
  started.scheduler = startScheduler(app.dueWork, clock, SWEEP_INTERVAL_MS, log);
}

start().catch((error: unknown) => {
  console.error(`satisfaction-bot failed to start: ${(error as Error).message}`);
  process.exit(1);
});

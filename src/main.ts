import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { run } from "probot";
import type { AppDeps } from "./app-deps.js";
import { configFor } from "./config/repository-config.js";
import { migrate } from "./db/migrate.js";
import { openServerDatabase } from "./db/open.js";
import type { Db } from "./db/types.js";
import type { Env } from "./env.js";
import { loadDotEnv, parseEnv } from "./env.js";
import { createProbot } from "./github/probot.js";
import { satisfactionBot } from "./index.js";
import { redeliveryWindowDays } from "./recovery/due-recovery.js";
import { createLogger, logFormatFor } from "./logger.js";
import { createInstruments } from "./ops/instruments.js";
import type { Scheduler } from "./scheduler.js";
import { startScheduler } from "./scheduler.js";
import { startServer } from "./server.js";
import { startWorker } from "./work/after-answer.js";
import { workRegistry } from "./work/registry.js";

const SWEEP_INTERVAL_MS = 60_000;
// Work in flight at once in this process (GitHub spaces writes anyway); the rest waits in the queue.
const WORK_CONCURRENCY = 4;
const MIGRATE_RETRY_MS = 5_000;
// GitHub caps webhook payloads at 25 MB; the events this app handles are far smaller.
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

function readEnv(): Env {
  loadDotEnv();
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
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
  // One set for the process: the webhook receiver, every Octokit and /metrics share it.
  const instruments = createInstruments();
  const github = { ...env, APP_ID: env.APP_ID, privateKey: env.privateKey, redisUrl: env.REDIS_URL };
  const probot = createProbot(github, log, { instruments });
  const octokitFor = (installationId: number) => probot.auth(installationId);
  const worker = startWorker({ db, log, kinds: workRegistry }, octokitFor, clock, WORK_CONCURRENCY);
  const deps: AppDeps = {
    db,
    clock,
    config: (octokit, target, logger) => configFor({ db, log: logger }, octokit, target),
    work: worker.afterAnswer,
    backfillDays: env.BACKFILL_DAYS,
  };
  // Migrated before listening when the database is up; otherwise listen at once and migrate when it is back.
  let ready = await tryMigrate(db, log);
  let stopping = false;
  const secrets = [env.WEBHOOK_SECRET ?? "development", env.WEBHOOK_SECRET_PREVIOUS].filter((secret): secret is string => Boolean(secret));
  const webhooks = { secrets, maxBytes: MAX_WEBHOOK_BYTES, ready: () => ready };
  const operations = { db, ready: () => ready, metricsToken: env.METRICS_TOKEN, instruments, clock };
  const api = { requestsPerMinute: env.API_RATE_LIMIT, retentionDays: env.RETENTION_DAYS };
  const server = await startServer(probot, satisfactionBot(deps), { ...env, webhooks, operations, api }, log);
  // Started once the database is ready; stopped (its run in hand finished) on SIGTERM.
  const started: { scheduler?: Scheduler } = {};

  const stop = async (signal: string) => {
    stopping = true;
    log.info({ signal }, "stopping: finishing the work in hand");
    server.close();
    await Promise.all([started.scheduler?.stop(), worker.drain()]);
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  if (!ready && !(await migrateWhenReachable(db, log, () => stopping))) return;
  ready = true;
  const work = {
    db,
    log,
    octokitFor,
    retentionDays: env.RETENTION_DAYS,
    appOctokit: () => probot.auth(),
    redeliveryWindowDays: redeliveryWindowDays(env.baseUrl),
  };
  started.scheduler = startScheduler(work, clock, SWEEP_INTERVAL_MS, log);
}

start().catch((error: unknown) => {
  console.error(`satisfaction-bot failed to start: ${(error as Error).message}`);
  process.exit(1);
});

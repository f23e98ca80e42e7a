import type http from "node:http";
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { configFor } from "./config/repository-config.js";
import type { Db } from "./db/types.js";
import type { DueWorkDeps } from "./due-work.js";
import type { Env } from "./env.js";
import { EnvError, webhookSecretRefusals } from "./env.js";
import { createProbot } from "./github/probot.js";
import { satisfactionBot } from "./index.js";
import { createInstruments } from "./ops/instruments.js";
import { redeliveryWindowDays } from "./recovery/due-recovery.js";
import { startServer } from "./server.js";
import type { Worker } from "./work/after-answer.js";
import { startWorker } from "./work/after-answer.js";
import { workRegistry } from "./work/registry.js";

// Work in flight at once in this process (GitHub spaces writes anyway); the rest waits in the queue.
const WORK_CONCURRENCY = 4;
// GitHub caps webhook payloads at 25 MB; the events this app handles are far smaller.
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export type AppServerSettings = {
  env: Env & { APP_ID: string; privateKey: string };
  db: Db;
  log: Logger;
  clock: () => Date;
  /** Whether the database is migrated: webhooks, /health and the API answer 503 until it is. */
  ready: () => boolean;
};

/** The running app: its HTTP server, the worker behind it, and what the sweep (`runDueWork`) needs. */
export type AppServer = { server: http.Server; worker: Worker; probot: Probot; dueWork: DueWorkDeps };

/**
 * Assembles the app as `npm start` runs it: one Probot, the worker that starts queued work after
 * each answer, the HTTP server (webhooks, health, metrics, the feedback API, badges). `npm run demo`
 * runs the same assembly against a GitHub stand-in with a clock of its own.
 */
export async function startAppServer({ env, db, log, clock, ready }: AppServerSettings): Promise<AppServer> {
  const refusals = webhookSecretRefusals(env);
  if (refusals.length > 0) throw new EnvError(`Refusing to start: ${refusals.join("; ")}`);
  // One set for the process: the webhook receiver, every Octokit and /metrics share it.
  const instruments = createInstruments();
  const github = { ...env, redisUrl: env.REDIS_URL };
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
  const secrets = [env.WEBHOOK_SECRET, env.WEBHOOK_SECRET_PREVIOUS].filter((secret): secret is string => Boolean(secret));
  const webhooks = { secrets, maxBytes: MAX_WEBHOOK_BYTES, ready };
  const operations = { db, ready, metricsToken: env.METRICS_TOKEN, instruments, clock };
  const api = { requestsPerMinute: env.API_RATE_LIMIT, retentionDays: env.RETENTION_DAYS };
  const server = await startServer(probot, satisfactionBot(deps), { ...env, webhooks, operations, api }, log);
  const dueWork: DueWorkDeps = {
    db,
    log,
    octokitFor,
    retentionDays: env.RETENTION_DAYS,
    appOctokit: () => probot.auth(),
    redeliveryWindowDays: redeliveryWindowDays(env.baseUrl),
  };
  return { server, worker, probot, dueWork };
}

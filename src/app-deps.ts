import type { Logger } from "pino";
import type { ConfigTarget, EffectiveConfig } from "./config/repository-config.js";
import type { Db } from "./db/types.js";
import type { Octokit } from "./github/octokit.js";
import type { AfterAnswer } from "./work/after-answer.js";

/** Where a repository's configuration comes from (stored, or read from GitHub). */
export type ConfigSource = (octokit: Octokit, target: ConfigTarget, log: Logger) => Promise<EffectiveConfig>;

/** What the webhook handlers work with; the clock is injected so tests control time. */
export type AppDeps = {
  db: Db;
  clock: () => Date;
  config: ConfigSource;
  /** Starts the work a webhook queued: after the answer on the server (bounded), inline in tests. */
  work: AfterAnswer;
  /** Days of history imported when the app is installed or a repository added (BACKFILL_DAYS; 0: none). Default 90. */
  backfillDays?: number;
};

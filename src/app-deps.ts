import type { Logger } from "pino";
import type { ConfigTarget, EffectiveConfig } from "./config/repository-config.js";
import type { Background } from "./background.js";
import type { Db } from "./db/types.js";
import type { Octokit } from "./github/octokit.js";

/** Where a repository's configuration comes from (stored, or read from GitHub). */
export type ConfigSource = (octokit: Octokit, target: ConfigTarget, log: Logger) => Promise<EffectiveConfig>;

/** What the webhook handlers work with; the clock is injected so tests control time. */
export type AppDeps = {
  db: Db;
  clock: () => Date;
  config: ConfigSource;
  /** Where work a webhook made due runs: after the answer on the server, inline in tests. */
  background: Background;
};

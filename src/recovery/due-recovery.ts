import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { DEFAULT_WINDOW_DAYS, GHES_WINDOW_DAYS, redeliverFailedDeliveries } from "./redeliver-failed.js";

/**
 * What the due work may be given for the recovery of failed webhook deliveries. Without
 * `appOctokit` (a client authenticated as the app: Probot's `auth()` with no installation id) the
 * recovery is skipped; `redeliveryWindowDays` is GitHub's redelivery window (3 days by default).
 */
export type DueRecoveryDeps = {
  db: Db;
  log: Logger;
  appOctokit?: () => Promise<Octokit>;
  redeliveryWindowDays?: number;
};

/** GitHub's redelivery window: 7 days on GitHub Enterprise Server (an API base URL set), else 3. */
export function redeliveryWindowDays(baseUrl: string | undefined): number {
  return baseUrl ? GHES_WINDOW_DAYS : DEFAULT_WINDOW_DAYS;
}

/** Runs the recovery job when it is configured (and due); returns the deliveries it redelivered. */
export async function recoverFailedDeliveries(deps: DueRecoveryDeps, now: Date): Promise<number> {
  if (!deps.appOctokit) return 0;
  const { db, log, appOctokit } = deps;
  const result = await redeliverFailedDeliveries({ db, log, appOctokit }, now, { windowDays: deps.redeliveryWindowDays });
  return result.redelivered;
}

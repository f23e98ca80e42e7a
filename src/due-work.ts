import { sweepConfigChecks } from "./config/sweep-config-checks.js";
import { reachableOnce } from "./github/octokit.js";
import { applyRetention } from "./privacy/retention.js";
import type { DueRecoveryDeps } from "./recovery/due-recovery.js";
import { recoverFailedDeliveries } from "./recovery/due-recovery.js";
import type { SummaryDeps } from "./summary/sweep-summaries.js";
import { sweepSummaries } from "./summary/sweep-summaries.js";
import type { SweepDeps } from "./survey/sweep.js";
import { sweep } from "./survey/sweep.js";

/** `retentionDays`: experiences closed longer ago than this are deleted (env RETENTION_DAYS). */
export type DueWorkDeps = SweepDeps & SummaryDeps & DueRecoveryDeps & { retentionDays: number };

export type DueWorkResult = {
  surveysWorked: number;
  installationsFailed: number;
  summariesPosted: number;
  summariesFailed: number;
  configChecksPosted: number;
  deliveriesRedelivered: number;
  experiencesExpired: number;
};

/**
 * Everything due at `now`: experiences past retention deleted (first, so no survey past it is
 * worked), survey comments, reaction reads, summaries, configuration check runs that failed after a
 * push, the redelivery of failed webhook deliveries.
 * The scheduler and the CLI run this.
 */
export async function runDueWork(deps: DueWorkDeps, now: Date): Promise<DueWorkResult> {
  const experiencesExpired = await applyRetention(deps.db, now, deps.retentionDays);
  const run = { ...deps, octokitFor: reachableOnce(deps.octokitFor) };
  const surveys = await sweep(run, now);
  const summaries = await sweepSummaries(run, now);
  const configChecks = await sweepConfigChecks(run, now);
  const deliveriesRedelivered = await recoverFailedDeliveries(deps, now);
  return {
    surveysWorked: surveys.worked,
    installationsFailed: surveys.installationsFailed,
    summariesPosted: summaries.posted,
    summariesFailed: summaries.failed,
    configChecksPosted: configChecks.posted,
    deliveriesRedelivered,
    experiencesExpired,
  };
}

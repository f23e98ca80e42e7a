import { sweepRateWindows } from "./api/rate-limit.js";
import { reachableOnce } from "./github/octokit.js";
import { confirmUninstalls } from "./privacy/confirm-uninstall.js";
import { applyRetention } from "./privacy/retention.js";
import type { DueRecoveryDeps } from "./recovery/due-recovery.js";
import { recoverFailedDeliveries } from "./recovery/due-recovery.js";
import { CONFIRM_FORGET_ME } from "./privacy/confirm.js";
import { POST_CONFIG_CHECK } from "./queries/config-checks.js";
import { POST_SUMMARY } from "./queries/summaries.js";
import { ASK_SURVEY, READ_REACTIONS } from "./queries/surveys.js";
import { planServiceMarks } from "./service-levels/plan-marks.js";
import type { SummaryDeps } from "./summary/sweep-summaries.js";
import { planSummaries } from "./summary/sweep-summaries.js";
import { workRegistry } from "./work/registry.js";
import { countOf, workDue } from "./work/work-due.js";

/** `retentionDays`: experiences closed longer ago than this are deleted (env RETENTION_DAYS). */
export type DueWorkDeps = SummaryDeps & DueRecoveryDeps & { retentionDays: number };

export type DueWorkResult = {
  installationsErased: number;
  surveysWorked: number;
  installationsFailed: number;
  summariesPosted: number;
  summariesFailed: number;
  configChecksPosted: number;
  confirmationsPosted: number;
  deliveriesRedelivered: number;
  experiencesExpired: number;
};

/**
 * Everything due at `now`: the installations GitHub confirms uninstalled erased, experiences past
 * retention deleted (first, so no survey past it is worked) and the feedback API's rate counters of
 * past windows, the summaries whose time has come planned, the service-level labels due, then every
 * queued piece of work that is due (survey comments, reaction reads, summaries, configuration check
 * runs, forget-me replies), then the redelivery of failed webhook deliveries. The scheduler and the
 * CLI run this.
 */
export async function runDueWork(deps: DueWorkDeps, now: Date): Promise<DueWorkResult> {
  const installationsErased = await confirmUninstalls(deps, now);
  const experiencesExpired = await applyRetention(deps.db, now, deps.retentionDays);
  await sweepRateWindows(deps.db, now);
  const octokitFor = reachableOnce(deps.octokitFor);
  const planned = await planSummaries({ ...deps, octokitFor }, now);
  await planServiceMarks(deps, now);
  const tally = await workDue({ db: deps.db, log: deps.log, kinds: workRegistry }, octokitFor, now);
  const deliveriesRedelivered = await recoverFailedDeliveries(deps, now);
  const surveyAttempts = [...(tally.byKind.get(ASK_SURVEY)?.values() ?? []), ...(tally.byKind.get(READ_REACTIONS)?.values() ?? [])];
  return {
    installationsErased,
    surveysWorked: surveyAttempts.reduce((sum, n) => sum + n, 0),
    installationsFailed: tally.installationsFailed,
    summariesPosted: countOf(tally, POST_SUMMARY, "posted"),
    summariesFailed: planned.failed + countOf(tally, POST_SUMMARY, "retry") + countOf(tally, POST_SUMMARY, "failed"),
    configChecksPosted: countOf(tally, POST_CONFIG_CHECK, "posted"),
    confirmationsPosted: countOf(tally, CONFIRM_FORGET_ME, "posted"),
    deliveriesRedelivered,
    experiencesExpired,
  };
}

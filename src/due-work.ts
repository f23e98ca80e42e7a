import { reachableOnce } from "./github/octokit.js";
import type { SummaryDeps } from "./summary/sweep-summaries.js";
import { sweepSummaries } from "./summary/sweep-summaries.js";
import type { SweepDeps } from "./survey/sweep.js";
import { sweep } from "./survey/sweep.js";

export type DueWorkResult = { surveysWorked: number; installationsFailed: number; summariesPosted: number; summariesFailed: number };

/** Everything due at `now`: survey comments, reaction reads, summaries. The scheduler and the CLI run this. */
export async function runDueWork(deps: SweepDeps & SummaryDeps, now: Date): Promise<DueWorkResult> {
  const run = { ...deps, octokitFor: reachableOnce(deps.octokitFor) };
  const surveys = await sweep(run, now);
  const summaries = await sweepSummaries(run, now);
  return {
    surveysWorked: surveys.worked,
    installationsFailed: surveys.installationsFailed,
    summariesPosted: summaries.posted,
    summariesFailed: summaries.failed,
  };
}

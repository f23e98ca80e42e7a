import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { EffectiveConfig } from "../config/repository-config.js";
import type { Octokit } from "../github/octokit.js";
import type { SummaryCandidate } from "../queries/summary-candidates.js";
import type { SummaryKey } from "../queries/summaries.js";
import { gatherSummary } from "./gather.js";
import type { PostOutcome } from "./post-summary.js";
import { postSummary } from "./post-summary.js";
import type { Period, SummaryData } from "./types.js";

export type SummaryOutput = SummaryKey["output"];

export function outputsOf(output: "issue" | "check_run" | "both"): SummaryOutput[] {
  return output === "both" ? ["issue", "check_run"] : [output];
}

export function summaryKey(repository: SummaryCandidate, period: Period, output: SummaryOutput): SummaryKey {
  return { installationId: repository.installationId, scope: "repository", targetRepositoryId: repository.id, periodKey: period.key, output };
}

/** What one repository's summary of `period` shows, with the configuration error to point at, if any. */
export async function repositorySummaryData(db: Db, repository: SummaryCandidate, period: Period, effective: EffectiveConfig): Promise<SummaryData> {
  const subject = {
    installationId: repository.installationId,
    name: repository.fullName,
    repositories: [{ id: repository.id, fullName: repository.fullName, stargazers: repository.stargazers }],
    marketDemand: effective.config.market_demand,
  };
  return { ...(await gatherSummary(db, subject, period, effective.config.summary.timezone)), configError: effective.error ?? undefined };
}

/** Gathers one repository's summary of `period` and posts it to each output not done yet. */
export async function summarizeRepository(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  repository: SummaryCandidate,
  period: Period,
  effective: EffectiveConfig,
  options: { now: Date; dryRun: boolean },
): Promise<PostOutcome[]> {
  const { config } = effective;
  const data = await repositorySummaryData(deps.db, repository, period, effective);
  const outcomes: PostOutcome[] = [];
  for (const output of outputsOf(config.summary.output)) {
    const post = {
      key: summaryKey(repository, period, output),
      target: { fullName: repository.fullName, private: repository.private, defaultBranch: repository.defaultBranch },
      period,
      data,
      settings: config.summary,
      dryRun: options.dryRun,
      organization: null,
    };
    outcomes.push(await postSummary(deps, octokit, post, options.now));
  }
  return outcomes;
}

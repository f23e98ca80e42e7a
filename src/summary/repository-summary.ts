import { labelsTheAppSets } from "../config/schema.js";
import { serviceSettingsOf } from "../service-levels/response-times.js";
import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { EffectiveConfig } from "../config/repository-config.js";
import { configFor, storedConfigFor } from "../config/repository-config.js";
import type { Octokit } from "../github/octokit.js";
import type { SummaryCandidate } from "../queries/summary-candidates.js";
import { repositoryById } from "../queries/summary-candidates.js";
import type { StoredSummary, SummaryKey } from "../queries/summaries.js";
import { satisfactionAlerts } from "./alerts.js";
import { gatherSummary } from "./gather.js";
import { periodFromKey } from "./periods.js";
import type { SummaryPost } from "./post-summary.js";
import type { Period, SummaryData } from "./types.js";

export type SummaryOutput = SummaryKey["output"];

export function outputsOf(output: "issue" | "check_run" | "both"): SummaryOutput[] {
  return output === "both" ? ["issue", "check_run"] : [output];
}

export function summaryKey(repository: SummaryCandidate, period: Period, output: SummaryOutput): SummaryKey {
  return {
    installationId: repository.installationId,
    scope: "repository",
    targetRepositoryId: repository.id,
    periodKey: period.key,
    output,
  };
}

/** What one repository's summary of `period` shows, with the configuration error to point at, if any. */
export async function repositorySummaryData(
  db: Db,
  repository: SummaryCandidate,
  period: Period,
  effective: EffectiveConfig,
): Promise<SummaryData> {
  const subject = {
    installationId: repository.installationId,
    name: repository.fullName,
    repositories: [{ id: repository.id, fullName: repository.fullName, stargazers: repository.stargazers }],
    marketDemand: effective.config.market_demand,
    service: serviceSettingsOf(effective.config.service_levels),
    ownLabels: labelsTheAppSets(effective.config),
  };
  const figures = await gatherSummary(db, subject, period, effective.config.summary.timezone);
  const knowledgeBase = figures.knowledgeBase && { ...figures.knowledgeBase, enabled: effective.config.knowledge_base.enabled };
  return {
    ...figures,
    alerts: satisfactionAlerts(figures, effective.config.summary),
    configError: effective.error ?? undefined,
    ...(knowledgeBase ? { knowledgeBase } : {}),
  };
}

/**
 * What posting a planned repository summary takes: the repository, its configuration now (read
 * again when stale), the period in its time zone, and the figures. Null when the repository is gone.
 */
export async function repositorySummaryPost(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  summary: StoredSummary,
): Promise<SummaryPost | null> {
  const repository = await repositoryById(deps.db, summary.installationId, summary.targetRepositoryId);
  if (!repository) return null;
  const target = { installationId: repository.installationId, repositoryId: repository.id, fullName: repository.fullName };
  const stored = await storedConfigFor(deps.db, target);
  const effective = stored.fresh ? stored : await configFor(deps, octokit, target);
  const period = periodFromKey(summary.periodKey, effective.config.summary.timezone);
  return {
    key: summaryKey(repository, period, summary.output),
    target: { fullName: repository.fullName, private: repository.private, defaultBranch: repository.defaultBranch },
    period,
    data: await repositorySummaryData(deps.db, repository, period, effective),
    settings: effective.config.summary,
    dryRun: effective.config.dry_run,
    organization: null,
    chat: effective.config.chat,
  };
}

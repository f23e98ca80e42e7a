import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import { configFor, storedConfigFor } from "../config/repository-config.js";
import type { RepositoryConfig } from "../config/schema.js";
import type { OctokitFor } from "../github/octokit.js";
import { isSummaryDue } from "../queries/summaries.js";
import { summaryCandidates } from "../queries/summary-candidates.js";
import type { SummaryCandidate } from "../queries/summary-candidates.js";
import { sweepOrganizationSummaries } from "./organization-summary.js";
import { latestDuePeriod } from "./periods.js";
import { outputsOf, summarizeRepository, summaryKey } from "./repository-summary.js";
import type { Period } from "./types.js";

export type SummaryDeps = { db: Db; log: Logger; octokitFor: OctokitFor };

function duePeriod(config: RepositoryConfig, now: Date): Period | null {
  if (!config.enabled || !config.summary.enabled) return null;
  const { schedule, time, timezone } = config.summary;
  return latestDuePeriod(now, schedule, time, timezone);
}

async function hasWork(db: Db, repository: SummaryCandidate, config: RepositoryConfig, now: Date): Promise<boolean> {
  const period = duePeriod(config, now);
  if (!period) return false;
  for (const output of outputsOf(config.summary.output)) {
    if (await isSummaryDue(db, summaryKey(repository, period, output), now)) return true;
  }
  return false;
}

/**
 * Posts the summaries due at `now`: for each repository, only the latest period whose posting time
 * has passed (an app that was down catches up with that one, not with every missed period).
 */
export async function sweepSummaries(deps: SummaryDeps, now: Date): Promise<{ posted: number; failed: number }> {
  const tally = { posted: 0, failed: 0 };
  for (const repository of await summaryCandidates(deps.db)) {
    const stored = await storedConfigFor(deps.db, { installationId: repository.installationId, repositoryId: repository.id });
    // A fresh stored configuration decides without GitHub; a stale one is read again first (hourly).
    if (stored.fresh && !(await hasWork(deps.db, repository, stored.config, now))) continue;
    try {
      const octokit = await deps.octokitFor(repository.installationId);
      const target = { installationId: repository.installationId, repositoryId: repository.id, fullName: repository.fullName };
      const effective = stored.fresh ? stored : await configFor(deps, octokit, target);
      const period = duePeriod(effective.config, now);
      if (!period || !(await hasWork(deps.db, repository, effective.config, now))) continue;
      const outcomes = await summarizeRepository(deps, octokit, repository, period, effective, { now, dryRun: effective.config.dry_run });
      tally.posted += outcomes.filter((outcome) => outcome === "posted").length;
      tally.failed += outcomes.filter((outcome) => outcome === "failed").length;
    } catch (error) {
      tally.failed++;
      deps.log.error({ installationId: repository.installationId, repositoryId: repository.id, err: error }, "summary sweep failed for a repository");
    }
  }
  const organizations = await sweepOrganizationSummaries(deps, now);
  tally.posted += organizations.filter((outcome) => outcome === "posted").length;
  tally.failed += organizations.filter((outcome) => outcome === "failed").length;
  return tally;
}

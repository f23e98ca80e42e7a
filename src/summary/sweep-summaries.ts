import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import { configFor, storedConfigFor } from "../config/repository-config.js";
import type { RepositoryConfig } from "../config/schema.js";
import type { OctokitFor } from "../github/octokit.js";
import { hadActivity } from "../queries/period-activity.js";
import { isSummaryPlanned, planSummary } from "../queries/summaries.js";
import { summaryCandidates } from "../queries/summary-candidates.js";
import type { SummaryCandidate } from "../queries/summary-candidates.js";
import { planOrganizationSummaries } from "./organization-summary.js";
import { latestDuePeriod } from "./periods.js";
import { outputsOf, summaryKey } from "./repository-summary.js";
import type { Period } from "./types.js";

export type SummaryDeps = { db: Db; log: Logger; octokitFor: OctokitFor };

function duePeriod(config: RepositoryConfig, now: Date): Period | null {
  if (!config.enabled || !config.summary.enabled) return null;
  const { schedule, time, timezone } = config.summary;
  return latestDuePeriod(now, schedule, time, timezone);
}

/** The outputs of the due period not planned yet; none for a quiet period unless the configuration asks for it. */
async function unplanned(db: Db, repository: SummaryCandidate, config: RepositoryConfig, now: Date) {
  const period = duePeriod(config, now);
  if (!period) return [];
  const keys = outputsOf(config.summary.output).map((output) => summaryKey(repository, period, output));
  const planned = await Promise.all(keys.map((key) => isSummaryPlanned(db, key)));
  const missing = keys.filter((_, index) => !planned[index]);
  if (missing.length === 0 || config.summary.post_quiet_periods) return missing;
  return (await hadActivity(db, repository.installationId, [repository.id], period.start, period.end)) ? missing : [];
}

/**
 * Plans the summaries due at `now` (the work engine posts them): for each repository, only the
 * latest period whose posting time has passed (an app that was down catches up with that one, not
 * with every missed period), and each organisation's; a quiet period gets none unless asked for.
 */
export async function planSummaries(deps: SummaryDeps, now: Date): Promise<{ planned: number; failed: number }> {
  const tally = { planned: 0, failed: 0 };
  for (const repository of await summaryCandidates(deps.db)) {
    const target = { installationId: repository.installationId, repositoryId: repository.id, fullName: repository.fullName };
    const stored = await storedConfigFor(deps.db, target);
    // A fresh stored configuration decides without GitHub; a stale one is read again first (hourly).
    if (stored.fresh && (await unplanned(deps.db, repository, stored.config, now)).length === 0) continue;
    try {
      const effective = stored.fresh ? stored : await configFor(deps, await deps.octokitFor(repository.installationId), target);
      for (const key of await unplanned(deps.db, repository, effective.config, now)) {
        await planSummary(deps.db, key, now);
        tally.planned++;
      }
    } catch (error) {
      tally.failed++;
      deps.log.error(
        { installationId: repository.installationId, repositoryId: repository.id, err: error },
        "summary sweep failed for a repository",
      );
    }
  }
  const organizations = await planOrganizationSummaries(deps, now);
  return { planned: tally.planned + organizations.planned, failed: tally.failed + organizations.failed };
}

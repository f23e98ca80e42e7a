import { serviceSettingsOf } from "../service-levels/response-times.js";
import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import { loadRepositoryConfig } from "../config/load-config.js";
import type { RepositoryConfig } from "../config/schema.js";
import { configSchema, labelsTheAppSets } from "../config/schema.js";
import type { Octokit, OctokitFor } from "../github/octokit.js";
import type { Organization } from "../queries/organization-configs.js";
import { organizationRepositories, organizations, storeOrganizationConfig } from "../queries/organization-configs.js";
import type { StoredSummary, SummaryKey } from "../queries/summaries.js";
import { hadActivity } from "../queries/period-activity.js";
import { isSummaryPlanned, planSummary } from "../queries/summaries.js";
import type { SummaryCandidate } from "../queries/summary-candidates.js";
import { repositoryById, repositoryByName } from "../queries/summary-candidates.js";
import { satisfactionAlerts } from "./alerts.js";
import { gatherSummary, repositoryRows } from "./gather.js";
import type { SummarySubject } from "./gather.js";
import { latestDuePeriod, periodFromKey } from "./periods.js";
import type { SummaryPost } from "./post-summary.js";
import { outputsOf } from "./repository-summary.js";
import { confirmedTarget, visibleIn, visibleNowIn } from "./summary-target.js";

type Deps = { db: Db; log: Logger };

/** The organisation's settings, from its .github repository's satisfaction.yml (re-read hourly). */
async function organizationConfig(
  deps: Deps,
  organization: Organization,
  octokit: () => Promise<Octokit>,
): Promise<RepositoryConfig | null> {
  const stored = configSchema.safeParse(organization.config ?? {});
  if (organization.fresh) return stored.success ? stored.data : null;
  const load = await loadRepositoryConfig(await octokit(), organization.login, ".github");
  if (!load.ok) {
    deps.log.error(
      { installationId: organization.installationId, line: load.error.line, problem: load.error.message },
      "invalid organisation satisfaction.yml; keeping the last good one",
    );
    return stored.success && organization.config ? stored.data : null;
  }
  await storeOrganizationConfig(deps.db, organization.installationId, load.config);
  return load.config;
}

/** The organisation's summary settings when it asks for one, and the installed repository it is posted in. */
async function organizationTarget(
  deps: Deps,
  organization: Organization,
  octokit: () => Promise<Octokit>,
): Promise<{ config: RepositoryConfig; target: SummaryCandidate } | null> {
  const config = await organizationConfig(deps, organization, octokit);
  if (!config?.enabled || !config.organization_summary.enabled || !config.summary.enabled) return null;
  const target = await repositoryByName(
    deps.db,
    organization.installationId,
    `${organization.login}/${config.organization_summary.repository}`,
  );
  if (!target) {
    deps.log.warn({ installationId: organization.installationId }, "organisation summary target repository is not installed");
    return null;
  }
  return { config, target };
}

/** Plans each organisation's summary of the latest period whose posting time has passed; returns how many. */
export async function planOrganizationSummaries(
  deps: Deps & { octokitFor: OctokitFor },
  now: Date,
): Promise<{ planned: number; failed: number }> {
  const tally = { planned: 0, failed: 0 };
  for (const organization of await organizations(deps.db)) {
    try {
      const found = await organizationTarget(deps, organization, () => deps.octokitFor(organization.installationId));
      if (!found) continue;
      const { schedule, time, timezone } = found.config.summary;
      const period = latestDuePeriod(now, schedule, time, timezone);
      if (!found.config.summary.post_quiet_periods) {
        const repositories = visibleIn(found.target, await organizationRepositories(deps.db, organization.installationId));
        const ids = repositories.map((repository) => repository.id);
        if (!(await hadActivity(deps.db, organization.installationId, ids, period.start, period.end))) continue;
      }
      for (const output of outputsOf(found.config.summary.output)) {
        const key: SummaryKey = {
          installationId: organization.installationId,
          scope: "organization",
          targetRepositoryId: found.target.id,
          periodKey: period.key,
          output,
        };
        if (await isSummaryPlanned(deps.db, key)) continue;
        await planSummary(deps.db, key, now);
        tally.planned++;
      }
    } catch (error) {
      tally.failed++;
      deps.log.error({ installationId: organization.installationId, err: error }, "organisation summary failed");
    }
  }
  return tally;
}

/**
 * What posting a planned organisation summary takes. Its target's visibility is read from GitHub
 * first (confirmedTarget), and in a public one the visibility of every repository (visibleNowIn).
 * Posted in a public repository, every figure of it, the headline and totals included, comes from
 * the repositories GitHub lists as public only: totals of all less the public rows would
 * tell a private repository's figures.
 */
export async function organizationSummaryPost(deps: Deps, octokit: Octokit, summary: StoredSummary): Promise<SummaryPost | null> {
  const [organization] = await organizations(deps.db, summary.installationId);
  const stored = await repositoryById(deps.db, summary.installationId, summary.targetRepositoryId);
  const config = organization && (await organizationConfig(deps, organization, async () => octokit));
  const target = stored && config && (await confirmedTarget(deps, octokit, stored));
  if (!organization || !target || !config) return null;
  const period = periodFromKey(summary.periodKey, config.summary.timezone);
  const repositories = await visibleNowIn(deps, octokit, target, await organizationRepositories(deps.db, organization.installationId));
  const subject: SummarySubject = {
    installationId: organization.installationId,
    name: organization.login,
    repositories,
    marketDemand: config.market_demand,
    service: serviceSettingsOf(config.service_levels),
    ownLabels: labelsTheAppSets(config),
  };
  const figures = await gatherSummary(deps.db, subject, period, config.summary.timezone);
  const data = {
    ...figures,
    alerts: satisfactionAlerts(figures, config.summary),
    repositories: await repositoryRows(deps.db, subject, period),
  };
  return {
    key: {
      installationId: summary.installationId,
      scope: "organization",
      targetRepositoryId: target.id,
      periodKey: period.key,
      output: summary.output,
    },
    target: { fullName: target.fullName, private: target.private, defaultBranch: target.defaultBranch },
    period,
    data,
    settings: config.summary,
    dryRun: config.dry_run,
    organization: organization.login,
    chat: config.chat,
  };
}

import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import { loadRepositoryConfig } from "../config/load-config.js";
import type { RepositoryConfig } from "../config/schema.js";
import { configSchema } from "../config/schema.js";
import type { OctokitFor } from "../github/octokit.js";
import type { Organization } from "../queries/organization-configs.js";
import { organizationRepositories, organizations, storeOrganizationConfig } from "../queries/organization-configs.js";
import { isSummaryDue } from "../queries/summaries.js";
import { repositoryByName } from "../queries/summary-candidates.js";
import { gatherSummary, repositoryRows } from "./gather.js";
import type { SummarySubject } from "./gather.js";
import { latestDuePeriod } from "./periods.js";
import type { PostOutcome } from "./post-summary.js";
import { postSummary } from "./post-summary.js";
import { outputsOf } from "./repository-summary.js";

type Deps = { db: Db; log: Logger; octokitFor: OctokitFor };

/** The organisation's settings, from its .github repository's satisfaction.yml (re-read hourly). */
async function organizationConfig(deps: Deps, organization: Organization): Promise<RepositoryConfig | null> {
  const stored = configSchema.safeParse(organization.config ?? {});
  if (organization.fresh) return stored.success ? stored.data : null;
  const octokit = await deps.octokitFor(organization.installationId);
  const load = await loadRepositoryConfig(octokit, organization.login, ".github");
  if (!load.ok) {
    deps.log.error({ installationId: organization.installationId, line: load.error.line, problem: load.error.message }, "invalid organisation satisfaction.yml; keeping the last good one");
    return stored.success && organization.config ? stored.data : null;
  }
  await storeOrganizationConfig(deps.db, organization.installationId, load.config);
  return load.config;
}

/**
 * One organisation's summary across its repositories, posted in the repository it names. Posted in a
 * public repository, it never names, links or counts a private repository separately: private
 * repositories only add to the totals, and the details (pain points, labels, responders, the
 * per-repository table) come from the public ones.
 */
export async function summarizeOrganization(deps: Deps, organization: Organization, now: Date): Promise<PostOutcome[]> {
  const config = await organizationConfig(deps, organization);
  if (!config?.enabled || !config.organization_summary.enabled || !config.summary.enabled) return [];
  const targetName = `${organization.login}/${config.organization_summary.repository}`;
  const target = await repositoryByName(deps.db, organization.installationId, targetName);
  if (!target) {
    deps.log.warn({ installationId: organization.installationId }, "organisation summary target repository is not installed");
    return [];
  }
  const { schedule, time, timezone } = config.summary;
  const period = latestDuePeriod(now, schedule, time, timezone);
  const key = (output: "issue" | "check_run") =>
    ({ installationId: organization.installationId, scope: "organization", targetRepositoryId: target.id, periodKey: period.key, output }) as const;
  const outputs: ("issue" | "check_run")[] = [];
  for (const output of outputsOf(config.summary.output)) if (await isSummaryDue(deps.db, key(output), now)) outputs.push(output);
  if (outputs.length === 0) return [];

  const repositories = await organizationRepositories(deps.db, organization.installationId);
  const subject: SummarySubject = { installationId: organization.installationId, name: organization.login, repositories, marketDemand: config.market_demand };
  const visible = target.private ? repositories : repositories.filter((repository) => !repository.private);
  const detail = { ...subject, repositories: visible };
  const data = {
    ...(await gatherSummary(deps.db, subject, period, timezone, detail)),
    repositories: await repositoryRows(deps.db, detail, period),
  };
  const octokit = await deps.octokitFor(organization.installationId);
  const outcomes: PostOutcome[] = [];
  for (const output of outputs) {
    const post = {
      key: key(output),
      target: { fullName: target.fullName, private: target.private, defaultBranch: target.defaultBranch },
      period,
      data,
      settings: config.summary,
      dryRun: config.dry_run,
      organization: organization.login,
    };
    outcomes.push(await postSummary(deps, octokit, post, now));
  }
  return outcomes;
}

export async function sweepOrganizationSummaries(deps: Deps, now: Date): Promise<PostOutcome[]> {
  const outcomes: PostOutcome[] = [];
  for (const organization of await organizations(deps.db)) {
    try {
      outcomes.push(...(await summarizeOrganization(deps, organization, now)));
    } catch (error) {
      outcomes.push("failed");
      deps.log.error({ installationId: organization.installationId, err: error }, "organisation summary failed");
    }
  }
  return outcomes;
}

import type { RepositoryConfig } from "../config/schema.js";
import type { Queryable } from "../db/types.js";
import { marketDemand } from "./market-demand.js";
import { countExperiences } from "../queries/experience-counts.js";
import type { ExperienceCounts } from "../queries/experience-counts.js";
import type { StoredRepository } from "../queries/repositories.js";
import type { SatisfactionModel } from "./satisfaction.js";
import { satisfactionModel } from "./satisfaction.js";

export type Report = { repository: string; from: string; to: string } & ExperienceCounts & SatisfactionModel;

export type DemandSetting = { setting: RepositoryConfig["market_demand"]; stars: number };

/**
 * The model for one repository over [from, to), by the experiences' close times; market demand as
 * the repository configures it (the distinct reporters by default).
 */
export async function buildReport(
  db: Queryable,
  repository: StoredRepository,
  from: Date,
  to: Date,
  demand: DemandSetting = { setting: "reporters", stars: 0 },
): Promise<Report> {
  const counts = await countExperiences(db, {
    installationId: repository.installationId,
    repositoryId: repository.id,
    from,
    to,
  });
  const withDemand = { ...counts, marketDemand: marketDemand(demand.setting, counts.marketDemand, demand.stars) };
  return {
    repository: repository.fullName,
    from: from.toISOString(),
    to: to.toISOString(),
    ...withDemand,
    ...satisfactionModel(withDemand),
  };
}

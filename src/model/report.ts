import type { RepositoryConfig } from "../config/schema.js";
import type { Queryable } from "../db/types.js";
import { marketDemand } from "./market-demand.js";
import { countExperiences } from "../queries/experience-counts.js";
import type { ExperienceCounts } from "../queries/experience-counts.js";
import type { ResponseStats } from "../queries/experience-response.js";
import { experienceResponse } from "../queries/experience-response.js";
import type { StoredRepository } from "../queries/repositories.js";
import type { SatisfactionModel } from "./satisfaction.js";
import { satisfactionModel } from "./satisfaction.js";

/**
 * Response times on the clock they are counted on (`calendar`: every hour counts), and the share of
 * experiences whose issue had a first response before its close (null without experiences).
 */
export type ResponseFigures = { clock: "calendar"; firstResponse: ResponseStats; timeToClose: ResponseStats; responseRate: number | null };

export type Report = { repository: string; from: string; to: string } & ExperienceCounts & SatisfactionModel & ResponseFigures;

export type DemandSetting = { setting: RepositoryConfig["market_demand"]; stars: number };

/**
 * The model for one repository over [from, to), by the experiences' close times; market demand as
 * the repository configures it (the distinct reporters by default); and the response times of those
 * experiences' issues (first response and close, from the opening).
 */
export async function buildReport(
  db: Queryable,
  repository: StoredRepository,
  from: Date,
  to: Date,
  demand: DemandSetting = { setting: "reporters", stars: 0 },
): Promise<Report> {
  const window = { installationId: repository.installationId, repositoryId: repository.id, from, to };
  const counts = await countExperiences(db, window);
  const response = await experienceResponse(db, window);
  const withDemand = { ...counts, marketDemand: marketDemand(demand.setting, counts.marketDemand, demand.stars) };
  return {
    repository: repository.fullName,
    from: from.toISOString(),
    to: to.toISOString(),
    ...withDemand,
    ...satisfactionModel(withDemand),
    clock: "calendar",
    firstResponse: response.firstResponse,
    timeToClose: response.timeToClose,
    responseRate: response.experiences === 0 ? null : response.responded / response.experiences,
  };
}

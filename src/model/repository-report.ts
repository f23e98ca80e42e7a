import { storedConfigFor } from "../config/repository-config.js";
import type { Queryable } from "../db/types.js";
import type { StoredRepository } from "../queries/repositories.js";
import { repositoryByName } from "../queries/summary-candidates.js";
import { serviceSettingsOf } from "../service-levels/response-times.js";
import type { Report } from "./report.js";
import { buildReport } from "./report.js";

/**
 * A repository's report for [from, to) under its stored configuration (market demand, service
 * levels): what `satisfaction-bot report` prints and `GET /api/satisfaction` answers, one function for both.
 */
export async function repositoryReport(db: Queryable, repository: StoredRepository, from: Date, to: Date): Promise<Report> {
  const { config } = await storedConfigFor(db, { installationId: repository.installationId, repositoryId: repository.id });
  const stars = (await repositoryByName(db, repository.installationId, repository.fullName))?.stargazers ?? 0;
  return buildReport(db, repository, from, to, { setting: config.market_demand, stars }, serviceSettingsOf(config.service_levels));
}

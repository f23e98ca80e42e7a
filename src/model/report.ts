import type { RepositoryConfig } from "../config/schema.js";
import { defaultConfig } from "../config/schema.js";
import type { Queryable } from "../db/types.js";
import { marketDemand } from "./market-demand.js";
import { countExperiencesIn } from "../queries/experience-counts.js";
import type { ExperienceCounts } from "../queries/experience-counts.js";
import { experienceTimings } from "../queries/issue-timings.js";
import type { ServiceSettings } from "../service-levels/response-times.js";
import { clockName, firstResponseSeconds, serviceSettingsOf, resolutionSeconds } from "../service-levels/response-times.js";
import { channelCounts } from "../queries/channel-counts.js";
import type { ChannelFigures, ResponseStats } from "./channels.js";
import { channelFigures, responseStats } from "./channels.js";
import type { StoredRepository } from "../queries/repositories.js";
import type { SatisfactionModel } from "./satisfaction.js";
import { satisfactionModel } from "./satisfaction.js";

/**
 * Response times on the clock they are counted on (`calendar`: every hour counts; `business`: the
 * configured business hours), paused time left out, and the share of experiences whose issue had a
 * first response before its close (null without experiences).
 */
export type ResponseFigures = {
  clock: "calendar" | "business";
  firstResponse: ResponseStats;
  timeToClose: ResponseStats;
  responseRate: number | null;
};

/** The model of every channel together, its response figures, and the same by channel. */
export type Report = { repository: string; from: string; to: string } & ExperienceCounts &
  SatisfactionModel &
  ResponseFigures & { channels: ChannelFigures[] };

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
  service: ServiceSettings = serviceSettingsOf(defaultConfig.service_levels),
): Promise<Report> {
  const scope = { installationId: repository.installationId, repositoryIds: [repository.id], from, to };
  const counts = await countExperiencesIn(db, scope);
  const timings = await experienceTimings(db, scope, service);
  const withDemand = { ...counts, marketDemand: marketDemand(demand.setting, counts.marketDemand, demand.stars) };
  return {
    repository: repository.fullName,
    from: from.toISOString(),
    to: to.toISOString(),
    ...withDemand,
    ...satisfactionModel(withDemand),
    clock: clockName(service),
    firstResponse: responseStats(timings.map((timing) => firstResponseSeconds(service, timing))),
    timeToClose: responseStats(timings.map((timing) => resolutionSeconds(service, timing))),
    responseRate: timings.length === 0 ? null : timings.filter((timing) => timing.firstResponseAt).length / timings.length,
    channels: channelFigures(await channelCounts(db, scope), timings, service),
  };
}

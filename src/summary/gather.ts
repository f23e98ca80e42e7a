import type { Queryable } from "../db/types.js";
import type { RepositoryConfig } from "../config/schema.js";
import { marketDemand } from "../model/market-demand.js";
import { satisfactionModel } from "../model/satisfaction.js";
import { followUpCounts, labelBreakdown, negativeExperiences, responderBreakdown } from "../queries/breakdowns.js";
import { channelFigures } from "../model/channels.js";
import { channelCounts } from "../queries/channel-counts.js";
import { countExperiencesIn } from "../queries/experience-counts.js";
import { experienceTimings } from "../queries/issue-timings.js";
import { knowledgeFigures } from "../queries/knowledge-figures.js";
import type { Scope } from "../queries/scope.js";
import { serviceLevelsSummary } from "../service-levels/attainment.js";
import type { ServiceSettings } from "../service-levels/response-times.js";
import { serviceFigures } from "../service-levels/service-figures.js";
import { painPoint } from "./pain-points.js";
import { lastPeriods } from "./periods.js";
import type { Period, PeriodFigures, SummaryData } from "./types.js";

export const TREND_PERIODS = 12;
/** How many periods before the current one each figure is averaged over. */
export const BASELINE_PERIODS = 12;

/** What a summary covers: one repository, or several of an organisation. */
export type SummarySubject = {
  installationId: number;
  /** `owner/repo`, or the organisation's login. */
  name: string;
  repositories: { id: number; fullName: string; stargazers: number | null }[];
  marketDemand: RepositoryConfig["market_demand"];
  /** The clock response times are counted on, whose comments respond, and the pause labels. */
  service: ServiceSettings;
  /** Labels the app sets itself (labelsTheAppSets): left out of the by-label breakdown, where they would only repeat the outcome. */
  ownLabels?: string[];
};

function demand(subject: SummarySubject, reporters: number): number {
  const stars = subject.repositories.reduce((sum, repo) => sum + (repo.stargazers ?? 0), 0);
  return marketDemand(subject.marketDemand, reporters, stars);
}

function scopeOf(subject: SummarySubject, period: Period, repositoryIds = subject.repositories.map((repo) => repo.id)): Scope {
  return { installationId: subject.installationId, repositoryIds, from: period.start, to: period.end };
}

export async function periodFigures(db: Queryable, subject: SummarySubject, period: Period): Promise<PeriodFigures> {
  const scope = scopeOf(subject, period);
  const counts = await countExperiencesIn(db, scope);
  const withDemand = { ...counts, marketDemand: demand(subject, counts.marketDemand) };
  return { period, model: { ...withDemand, ...satisfactionModel(withDemand) }, service: await serviceFigures(db, scope, subject.service) };
}

/**
 * Everything a summary of `period` shows, with the previous period, the trend of the last 12, and
 * the baseline: the 12 periods before it, whose service figures are also taken over their whole
 * window (a median of every issue in it, not a mean of medians). Every figure and table comes from
 * the subject's repositories, and only from them (an organisation summary posted in public: its
 * public ones).
 */
export async function gatherSummary(db: Queryable, subject: SummarySubject, period: Period, zone: string): Promise<SummaryData> {
  const all: PeriodFigures[] = [];
  for (const each of lastPeriods(period, Math.max(TREND_PERIODS, BASELINE_PERIODS + 1), zone)) {
    all.push(await periodFigures(db, subject, each));
  }
  const current = all[all.length - 1] as PeriodFigures;
  const previous = all[all.length - 2] as PeriodFigures;
  const periods = all.slice(-BASELINE_PERIODS - 1, -1);
  const window = { ...scopeOf(subject, period), from: (periods[0] as PeriodFigures).period.start, to: period.start };
  const scope = scopeOf(subject, period);
  // One repository's own summary names its issues by number alone; an organisation's (even of one repository) names each one's repository.
  const single = subject.repositories.length === 1 && subject.repositories[0]?.fullName === subject.name;
  const negatives = await negativeExperiences(db, scope);
  const timings = await experienceTimings(db, scope, subject.service);
  const channels = channelFigures(await channelCounts(db, scope), timings, subject.service);
  return {
    subject: subject.name,
    current,
    previous,
    trend: all.slice(-TREND_PERIODS),
    baseline: { periods, service: await serviceFigures(db, window, subject.service) },
    painPoints: negatives.map((item) => painPoint(item, single)),
    followUps: await followUpCounts(db, scope),
    labels: await labelBreakdown(db, scope, subject.ownLabels ?? []),
    channels,
    serviceLevels: await serviceLevelsSummary(db, scope, subject.service, (repositoryId, number) => {
      const name = subject.repositories.find((repository) => repository.id === repositoryId)?.fullName;
      return single || !name ? `#${number}` : `${name}#${number}`;
    }),
    responders: await responderBreakdown(db, scope),
    knowledgeBase: {
      current: await knowledgeFigures(db, scope),
      previous: await knowledgeFigures(db, scopeOf(subject, previous.period)),
      enabled: false,
    },
  };
}

/** Per-repository rows of an organisation-wide summary. */
export async function repositoryRows(db: Queryable, subject: SummarySubject, period: Period): Promise<SummaryData["repositories"]> {
  const rows: NonNullable<SummaryData["repositories"]> = [];
  for (const repository of subject.repositories) {
    const one = { ...subject, repositories: [repository] };
    rows.push({ fullName: repository.fullName, figures: (await periodFigures(db, one, period)).model });
  }
  return rows;
}

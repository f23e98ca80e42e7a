import { satisfactionModel } from "../../src/model/satisfaction.js";
import type { ExperienceCounts } from "../../src/queries/experience-counts.js";
import type { ServiceFigures } from "../../src/service-levels/service-figures.js";
import { periodFromKey } from "../../src/summary/periods.js";
import type { PeriodFigures } from "../../src/summary/types.js";

export const NOTHING = { median: null, p90: null, count: 0 };

/** Service figures of a period without a support issue, with `overrides`. */
export function service(overrides: Partial<ServiceFigures> = {}): ServiceFigures {
  return { closed: 0, responseRate: null, reopenRate: null, timeToFirstResponse: NOTHING, timeToClose: NOTHING, ...overrides };
}

/** Figures of a UTC period from counts (the model computed by the real formulas) and service figures. */
export function figures(key: string, counts: Partial<ExperienceCounts> = {}, overrides: Partial<ServiceFigures> = {}): PeriodFigures {
  const c = { total: 0, pending: 0, positive: 0, negative: 0, neutral: 0, repeatUsage: 0, marketDemand: 0, ...counts };
  c.total = counts.total ?? c.positive + c.negative + c.neutral;
  return { period: periodFromKey(key, "UTC"), model: { ...c, ...satisfactionModel(c) }, service: service(overrides) };
}

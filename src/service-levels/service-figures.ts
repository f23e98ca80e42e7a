import type { Queryable } from "../db/types.js";
import { supportIssueTimings } from "../queries/issue-timings.js";
import type { Scope } from "../queries/scope.js";
import type { ServiceSettings } from "./response-times.js";
import { firstResponseSeconds, resolutionSeconds } from "./response-times.js";

/** Median and 90th percentile of a duration, in seconds; null when there is nothing to measure. */
export type DurationStats = { median: number | null; p90: number | null; count: number };

export type ServiceFigures = {
  /** Support issues closed in the period. */
  closed: number;
  /** Of those, the share that had a first response before closing; null when none closed. */
  responseRate: number | null;
  /** Of those, the share reopened at least once; null when none closed. */
  reopenRate: number | null;
  /** Of support issues first answered in the period, on the configured clock. */
  timeToFirstResponse: DurationStats;
  /** Of support issues closed in the period, on the configured clock. */
  timeToClose: DurationStats;
};

/** A percentile by linear interpolation between the closest ranks (PostgreSQL's percentile_cont). */
function percentile(sorted: readonly number[], fraction: number): number {
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const below = sorted[lower] as number;
  return below + ((sorted[upper] as number) - below) * (position - lower);
}

export function durationStats(values: readonly (number | null)[]): DurationStats {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, p90: null, count: 0 };
  return { median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), count: sorted.length };
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The service figures of support issues: response and reopen rates and time to close of those closed
 * in the window, time to first response of those first answered in it; times on the configured clock.
 */
export async function serviceFigures(db: Queryable, scope: Scope, settings: ServiceSettings): Promise<ServiceFigures> {
  const closed = await supportIssueTimings(db, scope, settings, "closed");
  const answered = await supportIssueTimings(db, scope, settings, "answered");
  return {
    closed: closed.length,
    responseRate: share(closed.filter((issue) => issue.firstResponseAt).length, closed.length),
    reopenRate: share(closed.filter((issue) => issue.reopened).length, closed.length),
    timeToClose: durationStats(closed.map((issue) => resolutionSeconds(settings, issue))),
    timeToFirstResponse: durationStats(answered.map((issue) => firstResponseSeconds(settings, issue))),
  };
}

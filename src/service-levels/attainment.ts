import type { Duration, ServiceTarget } from "../config/service-levels-schema.js";
import type { Queryable } from "../db/types.js";
import type { IssueTiming } from "../queries/issue-timings.js";
import { supportIssueTimings } from "../queries/issue-timings.js";
import type { Scope } from "../queries/scope.js";
import type { ServiceSettings } from "./response-times.js";
import type { MeasureCheck } from "./targets.js";
import { measureTarget, targetFor, targetName } from "./targets.js";

/** A closed issue that missed its target: which measures, by how much. */
export type Breach = {
  reference: string;
  measures: Pick<MeasureCheck, "measure" | "elapsedSeconds" | "limitSeconds">[];
};

/** How the summary names an issue: `#12`, or `owner/repo#12` across repositories. */
export type IssueReference = (repositoryId: number, number: number) => string;

/** How one target fared over the issues closed in a period. */
export type TargetAttainment = {
  target: string;
  firstResponse: Duration | null;
  resolution: Duration | null;
  /** Issues closed in the period that matched the target and had a measure to judge. */
  measured: number;
  met: number;
  breached: number;
  /** met / measured; null when nothing was measured. */
  attainment: number | null;
  breaches: Breach[];
};

/** What the summary says about service levels: the clock the times are on, and each target's attainment. */
export type ServiceLevelsSummary = {
  clock: Pick<ServiceSettings, "clock" | "pauseLabels" | "responders">;
  targets: TargetAttainment[];
};

function attainmentOf(target: ServiceTarget): TargetAttainment {
  const { first_response: firstResponse, resolution } = target;
  return { target: targetName(target), firstResponse, resolution, measured: 0, met: 0, breached: 0, attainment: null, breaches: [] };
}

/**
 * Each target's attainment over `closed` (issues closed in the period, measured to their close): an
 * issue counts for the first target it matches; it is met when every measure is, breached when any is not.
 */
export function targetAttainment(settings: ServiceSettings, closed: readonly IssueTiming[], reference: IssueReference): TargetAttainment[] {
  const results = new Map(settings.targets.map((target) => [target, attainmentOf(target)]));
  for (const issue of closed) {
    const target = targetFor(settings.targets, issue.labels);
    const result = target && results.get(target);
    if (!target || !result || !issue.endedAt) continue;
    const measures = measureTarget(settings, target, issue, issue.endedAt).filter((measure) => measure.met !== null);
    if (measures.length === 0) continue;
    result.measured++;
    const missed = measures.filter((measure) => measure.met === false);
    if (missed.length === 0) {
      result.met++;
      continue;
    }
    result.breached++;
    result.breaches.push({
      reference: reference(issue.repositoryId, issue.number),
      measures: missed.map(({ measure, elapsedSeconds, limitSeconds }) => ({ measure, elapsedSeconds, limitSeconds })),
    });
  }
  return [...results.values()].map((result) => ({ ...result, attainment: result.measured === 0 ? null : result.met / result.measured }));
}

/** The service-levels part of a summary; none when neither business hours nor targets are configured. */
export async function serviceLevelsSummary(
  db: Queryable,
  scope: Scope,
  settings: ServiceSettings,
  reference: IssueReference,
): Promise<ServiceLevelsSummary | undefined> {
  if (!settings.clock.hours && settings.targets.length === 0) return undefined;
  const closed = settings.targets.length === 0 ? [] : await supportIssueTimings(db, scope, settings, "closed");
  const { clock, pauseLabels, responders } = settings;
  return { clock: { clock, pauseLabels, responders }, targets: targetAttainment(settings, closed, reference) };
}

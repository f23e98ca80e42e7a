import type { ServiceTarget } from "../config/service-levels-schema.js";
import type { IssueTiming } from "../queries/issue-timings.js";
import type { Measure } from "../queries/service-marks.js";
import { durationSeconds } from "./business-clock.js";
import type { ServiceSettings } from "./response-times.js";
import { firstResponseSeconds, resolutionSeconds } from "./response-times.js";

/** One measure of a target for one issue: how long it took or has taken so far, against its limit. */
export type MeasureCheck = {
  measure: Measure;
  limitSeconds: number;
  /** When the warning is due: `warn_before` ahead of the limit, by default a quarter of it. */
  warnAtSeconds: number;
  elapsedSeconds: number;
  /** true: met; false: breached; null: still running (not yet breached). */
  met: boolean | null;
};

/** A measure as the summary and the warning comment say it. */
export const MEASURE_WORDS = { first_response: "first response", resolution: "resolution" } as const;

/** The target as the marks and the summary name it: its labels joined by commas. */
export const targetName = (target: Pick<ServiceTarget, "labels">): string => target.labels.join(",");

/** The first target, in the order written, whose labels the issue carries; null when none. */
export function targetFor(targets: readonly ServiceTarget[], labels: readonly string[]): ServiceTarget | null {
  return targets.find((target) => target.labels.some((label) => labels.includes(label))) ?? null;
}

function check(settings: ServiceSettings, target: ServiceTarget, measure: Measure, elapsed: number, done: boolean): MeasureCheck | null {
  const limit = target[measure];
  if (!limit) return null;
  const limitSeconds = durationSeconds(settings.clock, limit);
  const lead = target.warn_before ? durationSeconds(settings.clock, target.warn_before) : limitSeconds / 4;
  const met = elapsed > limitSeconds ? false : done ? true : null;
  return { measure, limitSeconds, warnAtSeconds: Math.max(0, limitSeconds - lead), elapsedSeconds: elapsed, met };
}

/**
 * The target's measures for an issue at `now`. First response: until the first response, or until the
 * close when nobody responded (an issue closed within the limit without a response is not measured);
 * resolution: until the close.
 */
export function measureTarget(settings: ServiceSettings, target: ServiceTarget, timing: IssueTiming, now: Date): MeasureCheck[] {
  const closed = timing.endedAt !== null;
  const untilNow = resolutionSeconds(settings, timing, now) ?? 0;
  const response = firstResponseSeconds(settings, timing);
  const first = check(settings, target, "first_response", response ?? untilNow, response !== null);
  const unmeasured = first && response === null && closed && first.met === null;
  return [unmeasured ? null : first, check(settings, target, "resolution", untilNow, closed)].filter(
    (measure): measure is MeasureCheck => measure !== null,
  );
}

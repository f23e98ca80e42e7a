import type { RepositoryConfig } from "../config/schema.js";
import type { IssueTiming, TimingSettings } from "../queries/issue-timings.js";
import type { ServiceClock, Span } from "./business-clock.js";
import { elapsedSeconds } from "./business-clock.js";

/** How response and resolution times are counted: the clock, whose comments respond, what pauses. */
export type ServiceSettings = TimingSettings & { clock: ServiceClock };

export function serviceSettingsOf(levels: RepositoryConfig["service_levels"]): ServiceSettings {
  return { clock: { hours: levels.hours }, responders: levels.responders, pauseLabels: levels.pause_labels };
}

/** The clock's name as the report and the summary say it. */
export const clockName = (settings: ServiceSettings): "calendar" | "business" => (settings.clock.hours ? "business" : "calendar");

/**
 * The spans the issue's pause labels were on: from a `labeled` to the next `unlabeled` of the same
 * label. A removal with no addition seen before it means the label was on from the opening.
 */
export function pauseSpans(timing: Pick<IssueTiming, "openedAt" | "labelChanges">): Span[] {
  // Per label: since when it is on (null: off); a label not in the map was never seen.
  const on = new Map<string, Date | null>();
  const spans: Span[] = [];
  for (const { label, action, at } of timing.labelChanges) {
    const since = on.has(label) ? (on.get(label) ?? null) : null;
    if (action === "labeled") {
      on.set(label, since ?? at);
      continue;
    }
    const start = on.has(label) ? since : timing.openedAt;
    if (start) spans.push({ start, end: at });
    on.set(label, null);
  }
  for (const since of on.values()) if (since) spans.push({ start: since, end: null });
  return spans;
}

/** Seconds from the opening to the first response on the clock, paused time left out; null without one. */
export function firstResponseSeconds(settings: ServiceSettings, timing: IssueTiming): number | null {
  if (!timing.firstResponseAt) return null;
  return elapsedSeconds(settings.clock, timing.openedAt, timing.firstResponseAt, pauseSpans(timing));
}

/** Seconds from the opening to the close measured (or to `now` for an open issue). */
export function resolutionSeconds(settings: ServiceSettings, timing: IssueTiming, now?: Date): number | null {
  const end = timing.endedAt ?? now;
  if (!end) return null;
  return elapsedSeconds(settings.clock, timing.openedAt, end, pauseSpans(timing));
}

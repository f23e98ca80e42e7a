import { DateTime } from "luxon";
import type { BusinessHours, Duration } from "../config/service-levels-schema.js";

/** A span of time; `end` null: still running. */
export type Span = { start: Date; end: Date | null };

/**
 * The clock response and resolution times are counted on: every hour (`hours` null), or only the
 * business hours; and the spans it is stopped in (an issue's pause labels).
 */
export type ServiceClock = { hours: BusinessHours | null };

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

type Interval = [number, number];

/** The working intervals (epoch ms) that overlap [from, to), each day's in its own UTC offset (DST included). */
function workingIntervals(hours: BusinessHours, from: number, to: number): Interval[] {
  const intervals: Interval[] = [];
  const holidays = new Set(hours.holidays);
  // From the day before, so that a day starting before `from` in UTC is not missed.
  let day = DateTime.fromMillis(from, { zone: hours.timezone }).startOf("day").minus({ days: 1 });
  while (day.toMillis() < to) {
    const date = day.toISODate() as string;
    if (hours.days.includes(WEEKDAYS[day.weekday - 1] as (typeof WEEKDAYS)[number]) && !holidays.has(date)) {
      const start = DateTime.fromISO(`${date}T${hours.start}`, { zone: hours.timezone }).toMillis();
      const end =
        hours.end === "24:00"
          ? day.plus({ days: 1 }).toMillis()
          : DateTime.fromISO(`${date}T${hours.end}`, { zone: hours.timezone }).toMillis();
      const overlap: Interval = [Math.max(start, from), Math.min(end, to)];
      if (overlap[0] < overlap[1]) intervals.push(overlap);
    }
    day = day.plus({ days: 1 });
  }
  return intervals;
}

/** `intervals` (sorted, disjoint) without the parts covered by `pauses`. */
function withoutPauses(intervals: Interval[], pauses: readonly Span[], to: number): Interval[] {
  const cuts = pauses.map((pause): Interval => [pause.start.getTime(), pause.end?.getTime() ?? to]).sort((a, b) => a[0] - b[0]);
  return intervals.flatMap(([start, end]) => {
    const kept: Interval[] = [];
    let cursor = start;
    for (const [cutStart, cutEnd] of cuts) {
      if (cutEnd <= cursor || cutStart >= end) continue;
      if (cutStart > cursor) kept.push([cursor, cutStart]);
      cursor = Math.max(cursor, cutEnd);
    }
    if (cursor < end) kept.push([cursor, end]);
    return kept;
  });
}

/** Seconds of [from, to) on the clock, less the paused spans; 0 when `to` is not after `from`. */
export function elapsedSeconds(clock: ServiceClock, from: Date, to: Date, pauses: readonly Span[] = []): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  const intervals = clock.hours ? workingIntervals(clock.hours, start, end) : [[start, end] as Interval];
  return withoutPauses(intervals, pauses, end).reduce((sum, [a, b]) => sum + (b - a), 0) / 1000;
}

/** The length of one business day in seconds (24 hours on the calendar clock). */
function daySeconds(clock: ServiceClock): number {
  if (!clock.hours) return 86_400;
  const [startHour, startMinute] = clock.hours.start.split(":").map(Number) as [number, number];
  const [endHour, endMinute] = clock.hours.end.split(":").map(Number) as [number, number];
  return (endHour - startHour) * 3600 + (endMinute - startMinute) * 60;
}

/** A written duration in seconds on the clock: `5d` is five business days on the business clock. */
export function durationSeconds(clock: ServiceClock, duration: Duration): number {
  if (duration.unit === "m") return duration.amount * 60;
  if (duration.unit === "h") return duration.amount * 3600;
  return duration.amount * daySeconds(clock);
}

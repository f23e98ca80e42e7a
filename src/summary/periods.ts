import { DateTime, IANAZone } from "luxon";
import type { Period, Schedule } from "./types.js";

// Calendar arithmetic happens on dates in UTC (no DST there); only the final step turns a calendar
// date into the instant its day starts in the configured zone. Labels are built by hand, not with
// luxon's toFormat, so they never depend on the process's locale.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function isoDate(date: DateTime): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

function checkZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) throw new Error(`Unknown time zone "${zone}": expected an IANA time zone like Europe/Berlin`);
}

/** The first instant of a calendar day in `zone`: its midnight, or the end of a DST gap that skips midnight. */
function startOfDay(date: DateTime, zone: string): Date {
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone }).toJSDate();
}

/** A period from its first calendar day and the first day after it (both as UTC calendar dates). */
function build(key: string, schedule: Schedule, first: DateTime, after: DateTime, shortLabel: string, zone: string): Period {
  const last = after.minus({ days: 1 });
  const label = schedule === "daily" ? isoDate(first) : `${isoDate(first)} to ${isoDate(last)}`;
  return { key, schedule, start: startOfDay(first, zone), end: startOfDay(after, zone), label, shortLabel, zone };
}

function invalidKey(key: string, reason: string): Error {
  return new Error(`Invalid period key "${key}": ${reason}`);
}

/** The period of a key: `2026-W47` (ISO week, Monday to Sunday), `2026-11` (month) or `2026-11-23` (day), in `zone`. */
export function periodFromKey(key: string, zone: string): Period {
  checkZone(zone);
  const week = WEEK_KEY.exec(key);
  if (week) {
    const [, year = "", number = ""] = week;
    const first = DateTime.fromObject({ weekYear: Number(year), weekNumber: Number(number), weekday: 1 }, { zone: "UTC" });
    if (!first.isValid) throw invalidKey(key, `ISO week-year ${year} has no week ${number}`);
    return build(key, "weekly", first, first.plus({ weeks: 1 }), `W${number}`, zone);
  }
  const month = MONTH_KEY.exec(key);
  if (month) {
    const [, year = "", number = ""] = month;
    const first = DateTime.fromObject({ year: Number(year), month: Number(number), day: 1 }, { zone: "UTC" });
    if (!first.isValid) throw invalidKey(key, `there is no month ${number}`);
    return build(key, "monthly", first, first.plus({ months: 1 }), `${monthName(first.month)} ${year}`, zone);
  }
  const day = DAY_KEY.exec(key);
  if (day) {
    const [, year = "", number = "", date = ""] = day;
    const first = DateTime.fromObject({ year: Number(year), month: Number(number), day: Number(date) }, { zone: "UTC" });
    if (!first.isValid) throw invalidKey(key, `${year}-${number} has no day ${date}`);
    return build(key, "daily", first, first.plus({ days: 1 }), `${monthName(first.month)} ${first.day}`, zone);
  }
  throw invalidKey(key, "expected a week like 2026-W47, a month like 2026-11 or a day like 2026-11-23");
}

/** The period of `schedule` that contains `instant`, counted in `zone`. */
export function periodContaining(instant: Date, schedule: Schedule, zone: string): Period {
  checkZone(zone);
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new Error(`Invalid instant: ${String(instant)}`);
  switch (schedule) {
    case "weekly":
      return periodFromKey(`${pad(local.weekYear, 4)}-W${pad(local.weekNumber, 2)}`, zone);
    case "monthly":
      return periodFromKey(`${pad(local.year, 4)}-${pad(local.month, 2)}`, zone);
    case "daily":
      return periodFromKey(isoDate(local), zone);
    default:
      throw new Error(`Unknown schedule "${String(schedule)}": expected daily, weekly or monthly`);
  }
}

/** The period of the same schedule just before `period`. */
export function previousPeriod(period: Period, zone: string): Period {
  return periodContaining(new Date(period.start.getTime() - 1), period.schedule, zone);
}

/** `count` consecutive periods, oldest first, the last one being `period`. */
export function lastPeriods(period: Period, count: number, zone: string): Period[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`Invalid period count ${count}: expected a whole number, 0 or more`);
  const periods: Period[] = [];
  for (let current = period; periods.length < count; current = previousPeriod(current, zone)) periods.unshift(current);
  return periods;
}

/**
 * When the summary of `period` is posted: `time` (`09:00`) local, on the first day after the period.
 * A time that a DST change skips moves forward by the gap (02:30 becomes 03:30); a repeated time
 * is taken at its later occurrence (luxon's choice).
 */
export function postingTime(period: Period, time: string, zone: string): Date {
  checkZone(zone);
  const clock = CLOCK.exec(time);
  if (!clock) throw new Error(`Invalid posting time "${time}": expected HH:MM like 09:00`);
  const day = DateTime.fromJSDate(period.end, { zone });
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Number(clock[1]), minute: Number(clock[2]) },
    { zone },
  ).toJSDate();
}

/** The most recent period whose summary is due at `now` (only the latest one, however long the app was down). */
export function latestDuePeriod(now: Date, schedule: Schedule, time: string, zone: string): Period {
  // The current period's summary is never due yet (it is posted after the period ends), so start
  // one before it; a step further is needed only until that one's posting time has passed.
  let period = previousPeriod(periodContaining(now, schedule, zone), zone);
  while (postingTime(period, time, zone).getTime() > now.getTime()) period = previousPeriod(period, zone);
  return period;
}

import { describe, expect, it } from "vitest";
import { businessHoursSchema } from "../../src/config/service-levels-schema.js";
import { durationSeconds, elapsedSeconds } from "../../src/service-levels/business-clock.js";

const HOUR = 3600;
const berlin = { hours: businessHoursSchema.parse({ timezone: "Europe/Berlin", holidays: ["2026-10-26"] }) };
const calendar = { hours: null };
const at = (iso: string) => new Date(iso);

describe("the business clock", () => {
  it("counts only working hours, across a holiday and the end of summer time", () => {
    // Friday 16:00 CEST (UTC+2) to Tuesday 10:00 CET (UTC+1); Monday the 26th is a holiday.
    const from = at("2026-10-23T14:00:00Z");
    const to = at("2026-10-27T09:00:00Z");
    expect(elapsedSeconds(berlin, from, to)).toBe(HOUR + HOUR);
    expect(elapsedSeconds(calendar, from, to)).toBe((to.getTime() - from.getTime()) / 1000);
  });

  it("starts a working day at 09:00 local time on both sides of the change", () => {
    const noHoliday = { hours: businessHoursSchema.parse({ timezone: "Europe/Berlin" }) };
    // Monday 19th 00:00 CEST to Tuesday 27th 00:00 CET: six working days of eight hours.
    expect(elapsedSeconds(noHoliday, at("2026-10-18T22:00:00Z"), at("2026-10-26T23:00:00Z"))).toBe(6 * 8 * HOUR);
    // 08:30 to 09:30 UTC on the Monday after the change is 09:30 to 10:30 CET: all of it inside.
    expect(elapsedSeconds(noHoliday, at("2026-10-26T08:30:00Z"), at("2026-10-26T09:30:00Z"))).toBe(HOUR);
    // The same UTC hour the Monday before (10:30 to 11:30 CEST) is inside too; 06:30 to 07:30 UTC (08:30 to 09:30 CEST) half.
    expect(elapsedSeconds(noHoliday, at("2026-10-19T06:30:00Z"), at("2026-10-19T07:30:00Z"))).toBe(HOUR / 2);
  });

  it("counts nothing on a weekend or outside the day", () => {
    expect(elapsedSeconds(berlin, at("2026-10-24T08:00:00Z"), at("2026-10-25T20:00:00Z"))).toBe(0);
    expect(elapsedSeconds(berlin, at("2026-10-22T16:00:00Z"), at("2026-10-23T06:00:00Z"))).toBe(0);
    expect(elapsedSeconds(berlin, at("2026-10-23T10:00:00Z"), at("2026-10-23T09:00:00Z"))).toBe(0);
  });

  it("stops while paused, twice, and while a pause is still on", () => {
    const from = at("2026-11-02T00:00:00Z");
    const to = at("2026-11-02T10:00:00Z");
    const pauses = [
      { start: at("2026-11-02T01:00:00Z"), end: at("2026-11-02T02:00:00Z") },
      { start: at("2026-11-02T04:00:00Z"), end: at("2026-11-02T06:30:00Z") },
    ];
    expect(elapsedSeconds(calendar, from, to, pauses)).toBe((10 - 1 - 2.5) * HOUR);
    expect(elapsedSeconds(calendar, from, to, [...pauses, { start: at("2026-11-02T09:00:00Z"), end: null }])).toBe(
      (10 - 1 - 2.5 - 1) * HOUR,
    );
    // Overlapping pauses count once; on the business clock (09:00–17:00 CET = 08:00–16:00 UTC) only the working part.
    const overlapping = [
      { start: at("2026-11-02T07:00:00Z"), end: at("2026-11-02T09:00:00Z") },
      { start: at("2026-11-02T08:30:00Z"), end: at("2026-11-02T10:00:00Z") },
    ];
    expect(elapsedSeconds(berlin, from, at("2026-11-02T12:00:00Z"), overlapping)).toBe(2 * HOUR);
  });

  it("reads a day of a target as one business day", () => {
    expect(durationSeconds(berlin, { amount: 5, unit: "d" })).toBe(5 * 8 * HOUR);
    expect(durationSeconds(calendar, { amount: 5, unit: "d" })).toBe(5 * 24 * HOUR);
    expect(durationSeconds(berlin, { amount: 4, unit: "h" })).toBe(4 * HOUR);
    expect(durationSeconds(berlin, { amount: 30, unit: "m" })).toBe(30 * 60);
  });
});

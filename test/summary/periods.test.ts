import { describe, expect, it } from "vitest";
import { lastPeriods, latestDuePeriod, periodContaining, periodFromKey, postingTime, previousPeriod } from "../../src/summary/periods.js";
import type { Period } from "../../src/summary/types.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** [start, end) as ISO instants, for exact comparisons. */
const span = (p: Period) => [p.start.toISOString(), p.end.toISOString()];
const length = (p: Period) => p.end.getTime() - p.start.getTime();

describe("periodFromKey", () => {
  it("reads ISO weeks, whose week-year may start in the previous calendar year", () => {
    // 2026-01-01 is a Thursday, so week 1 (the week with the year's first Thursday) starts Mon 2025-12-29.
    expect(periodFromKey("2026-W01", "UTC")).toEqual({
      key: "2026-W01",
      schedule: "weekly",
      start: new Date("2025-12-29T00:00:00Z"),
      end: new Date("2026-01-05T00:00:00Z"),
      label: "2025-12-29 to 2026-01-04",
      shortLabel: "W01",
      zone: "UTC",
    });
    // Week 47 is 46 weeks after Dec 29: Mon Nov 16 to Sun Nov 22.
    expect(periodFromKey("2026-W47", "UTC")).toMatchObject({ label: "2026-11-16 to 2026-11-22", shortLabel: "W47" });
    // 2026 starts on a Thursday, so it has 53 weeks; its week 53 ends in 2027.
    expect(span(periodFromKey("2026-W53", "UTC"))).toEqual(["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
    // 2025 starts on a Wednesday and is no leap year: 52 weeks, the last one Dec 22 to Dec 28.
    expect(previousPeriod(periodFromKey("2026-W01", "UTC"), "UTC").key).toBe("2025-W52");
    // Fri 2027-01-01 still belongs to 2026-W53.
    expect(periodContaining(new Date("2027-01-01T12:00:00Z"), "weekly", "UTC").key).toBe("2026-W53");
  });

  it("reads months of 28 to 31 days", () => {
    expect(periodFromKey("2026-11", "UTC")).toMatchObject({
      label: "2026-11-01 to 2026-11-30",
      shortLabel: "Nov 2026",
      schedule: "monthly",
    });
    expect(length(periodFromKey("2026-02", "UTC"))).toBe(28 * DAY);
    expect(length(periodFromKey("2028-02", "UTC"))).toBe(29 * DAY); // 2028 is a leap year
    expect(length(periodFromKey("2026-04", "UTC"))).toBe(30 * DAY);
    expect(periodFromKey("2026-12", "UTC")).toMatchObject({ label: "2026-12-01 to 2026-12-31", end: new Date("2027-01-01T00:00:00Z") });
  });

  it("reads days", () => {
    expect(periodFromKey("2026-11-23", "UTC")).toEqual({
      key: "2026-11-23",
      schedule: "daily",
      start: new Date("2026-11-23T00:00:00Z"),
      end: new Date("2026-11-24T00:00:00Z"),
      label: "2026-11-23",
      shortLabel: "Nov 23",
      zone: "UTC",
    });
    expect(periodFromKey("2028-02-29", "UTC").label).toBe("2028-02-29");
  });

  it.each([
    "2026-W54",
    "2026-W00",
    "2027-W53",
    "2026-W7",
    "2026-13",
    "2026-00",
    "2026-02-30",
    "2026-02-29",
    "2026-11-31",
    "2026-11-23T00:00",
    " 2026-11",
    "2026",
    "W47",
    "",
  ])("rejects %j", (key) => {
    expect(() => periodFromKey(key, "UTC")).toThrow(/Invalid period key/);
  });

  it("rejects an unknown time zone", () => {
    expect(() => periodFromKey("2026-11", "Mars/Olympus")).toThrow(/Unknown time zone/);
  });

  it("round-trips every key through periodContaining and periodFromKey", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]) {
      for (const key of ["2026-W01", "2026-W13", "2026-W43", "2026-W53", "2026-03", "2026-10", "2026-03-29", "2026-11-01"]) {
        const p = periodFromKey(key, zone);
        expect(periodFromKey(p.key, zone)).toEqual(p);
        expect(periodContaining(p.start, p.schedule, zone)).toEqual(p);
        expect(periodContaining(new Date(p.end.getTime() - 1), p.schedule, zone)).toEqual(p);
        expect(previousPeriod(p, zone).end).toEqual(p.start);
      }
    }
  });
});

describe("periods across time zones and DST", () => {
  it("gives a Berlin week with the autumn change one extra hour", () => {
    // 2026-W43 is Mon Oct 19 to Sun Oct 25; clocks go back 03:00 CEST → 02:00 CET on Oct 25.
    // Start: Oct 19 00:00 CEST (+02:00) = Oct 18 22:00Z; end: Oct 26 00:00 CET (+01:00) = Oct 25 23:00Z.
    const p = periodContaining(new Date("2026-10-25T12:00:00Z"), "weekly", "Europe/Berlin");
    expect(p.key).toBe("2026-W43");
    expect(span(p)).toEqual(["2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(length(p)).toBe(7 * DAY + HOUR);
  });

  it("gives a Berlin week with the spring change one hour less", () => {
    // 2026-W13 is Mon Mar 23 to Sun Mar 29; clocks go forward 02:00 CET → 03:00 CEST on Mar 29.
    // Start: Mar 23 00:00 CET = Mar 22 23:00Z; end: Mar 30 00:00 CEST = Mar 29 22:00Z.
    expect(span(periodFromKey("2026-W13", "Europe/Berlin"))).toEqual(["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    expect(length(periodFromKey("2026-03-29", "Europe/Berlin"))).toBe(23 * HOUR);
  });

  it("follows America/Los_Angeles through 2026-11-01", () => {
    // PDT (−07:00) ends Sun Nov 1 at 02:00. 2026-W44 is Mon Oct 26 to Sun Nov 1:
    // Oct 26 00:00 PDT = 07:00Z; Nov 2 00:00 PST (−08:00) = 08:00Z.
    expect(span(periodFromKey("2026-W44", "America/Los_Angeles"))).toEqual(["2026-10-26T07:00:00.000Z", "2026-11-02T08:00:00.000Z"]);
    expect(span(periodFromKey("2026-11-01", "America/Los_Angeles"))).toEqual(["2026-11-01T07:00:00.000Z", "2026-11-02T08:00:00.000Z"]);
    expect(span(periodFromKey("2026-11", "America/Los_Angeles"))).toEqual(["2026-11-01T07:00:00.000Z", "2026-12-01T08:00:00.000Z"]);
  });

  it("handles a half-hour offset (Asia/Kolkata, +05:30)", () => {
    // Mon Nov 16 00:00 IST = Nov 15 18:30Z.
    expect(span(periodFromKey("2026-W47", "Asia/Kolkata"))).toEqual(["2026-11-15T18:30:00.000Z", "2026-11-22T18:30:00.000Z"]);
    // 18:29Z on Nov 15 is 23:59 on Sunday Nov 15 in Kolkata, still week 46.
    expect(periodContaining(new Date("2026-11-15T18:29:00Z"), "weekly", "Asia/Kolkata").key).toBe("2026-W46");
  });
});

describe("lastPeriods", () => {
  it("lists periods oldest first, ending with the given one, across a year", () => {
    const keys = lastPeriods(periodFromKey("2027-W02", "UTC"), 4, "UTC").map((p) => p.key);
    expect(keys).toEqual(["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
    expect(lastPeriods(periodFromKey("2026-02", "UTC"), 3, "UTC").map((p) => p.shortLabel)).toEqual(["Dec 2025", "Jan 2026", "Feb 2026"]);
    expect(lastPeriods(periodFromKey("2026-02", "UTC"), 0, "UTC")).toEqual([]);
    expect(() => lastPeriods(periodFromKey("2026-02", "UTC"), -1, "UTC")).toThrow(/count/);
  });
});

describe("postingTime", () => {
  it("posts a week's summary on the following Monday at the local time, across a DST change", () => {
    // W42 ends Mon Oct 19: 09:00 CEST = 07:00Z. W43 ends Mon Oct 26, after the change: 09:00 CET = 08:00Z.
    expect(postingTime(periodFromKey("2026-W42", "Europe/Berlin"), "09:00", "Europe/Berlin").toISOString()).toBe(
      "2026-10-19T07:00:00.000Z",
    );
    expect(postingTime(periodFromKey("2026-W43", "Europe/Berlin"), "09:00", "Europe/Berlin").toISOString()).toBe(
      "2026-10-26T08:00:00.000Z",
    );
    // LA W44 ends Mon Nov 2: 09:00 PST = 17:00Z. Kolkata W47 ends Mon Nov 23: 09:00 IST = 03:30Z.
    expect(postingTime(periodFromKey("2026-W44", "America/Los_Angeles"), "09:00", "America/Los_Angeles").toISOString()).toBe(
      "2026-11-02T17:00:00.000Z",
    );
    expect(postingTime(periodFromKey("2026-W47", "Asia/Kolkata"), "09:00", "Asia/Kolkata").toISOString()).toBe("2026-11-23T03:30:00.000Z");
  });

  it("posts a month's on the 1st and a day's on the next day", () => {
    expect(postingTime(periodFromKey("2026-12", "UTC"), "07:30", "UTC").toISOString()).toBe("2027-01-01T07:30:00.000Z");
    expect(postingTime(periodFromKey("2026-11-23", "UTC"), "00:00", "UTC").toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(() => postingTime(periodFromKey("2026-12", "UTC"), "9:00", "UTC")).toThrow(/posting time/);
  });
});

describe("latestDuePeriod", () => {
  const due = (now: string, schedule: "daily" | "weekly" | "monthly" = "weekly") =>
    latestDuePeriod(new Date(now), schedule, "09:00", "Europe/Berlin").key;

  it("switches to a period exactly at its posting time", () => {
    // W47 (Nov 16–22) is posted Mon Nov 23 09:00 CET = 08:00Z; until then the latest due is W46.
    expect(due("2026-11-23T07:59:59.999Z")).toBe("2026-W46");
    expect(due("2026-11-23T08:00:00.000Z")).toBe("2026-W47");
    // After the autumn change: W43 is due at 08:00Z (09:00 CET), not at 07:00Z.
    expect(due("2026-10-26T07:30:00Z")).toBe("2026-W42");
    expect(due("2026-10-26T08:00:00Z")).toBe("2026-W43");
  });

  it("works for days and months", () => {
    // 07:59Z on Nov 23 is 08:59 in Berlin: Nov 22 is not due yet, Nov 21 was due on Nov 22.
    expect(due("2026-11-23T07:59:00Z", "daily")).toBe("2026-11-21");
    expect(due("2026-11-23T08:00:00Z", "daily")).toBe("2026-11-22");
    expect(due("2026-12-01T07:59:00Z", "monthly")).toBe("2026-10");
    expect(due("2026-12-01T08:00:00Z", "monthly")).toBe("2026-11");
  });

  it("returns only the latest period after a long outage", () => {
    // Wed 2027-02-10 lies in 2027-W06 (Feb 8–14); 2027-W05 (Feb 1–7) was due Mon Feb 8, 09:00 CET.
    expect(due("2027-02-10T12:00:00Z")).toBe("2027-W05");
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_DAYS, nextPollAt, windowEnd } from "../../src/survey/schedule.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const askedAt = new Date("2026-11-03T10:00:06Z");
const plus = (ms: number) => new Date(askedAt.getTime() + ms);
const end = windowEnd(askedAt, DEFAULT_WINDOW_DAYS);

/** Every read from asking to the end, following nextPollAt from one read to the next. */
function readsAfterAsking(windowEndsAt: Date): Date[] {
  const reads: Date[] = [];
  for (let next = nextPollAt(askedAt, windowEndsAt, askedAt); next !== null; next = nextPollAt(askedAt, windowEndsAt, next)) {
    reads.push(next);
    if (reads.length > 20) throw new Error("the schedule does not end");
  }
  return reads;
}

describe("the reading schedule (nextPollAt)", () => {
  it("has a 14-day window by default", () => {
    expect(DEFAULT_WINDOW_DAYS).toBe(14);
    expect(end).toEqual(plus(14 * DAY));
  });

  it("reads 10 min, 1 h, 6 h, 1 d, 3 d and 7 d after asking, then at the window end, then never", () => {
    expect(readsAfterAsking(end)).toEqual([
      plus(10 * MINUTE),
      plus(HOUR),
      plus(6 * HOUR),
      plus(DAY),
      plus(3 * DAY),
      plus(7 * DAY),
      plus(14 * DAY),
    ]);
  });

  it("gives the next step strictly after the moment given", () => {
    expect(nextPollAt(askedAt, end, plus(10 * MINUTE - 1))).toEqual(plus(10 * MINUTE));
    expect(nextPollAt(askedAt, end, plus(10 * MINUTE))).toEqual(plus(HOUR));
    expect(nextPollAt(askedAt, end, plus(7 * DAY))).toEqual(end);
  });

  it("returns null at and after the window end", () => {
    expect(nextPollAt(askedAt, end, end)).toBeNull();
    expect(nextPollAt(askedAt, end, plus(30 * DAY))).toBeNull();
  });

  it("after a sweep was down for days, skips to the one step after now instead of catching up", () => {
    expect(nextPollAt(askedAt, end, plus(2 * DAY + 5 * HOUR))).toEqual(plus(3 * DAY));
    expect(nextPollAt(askedAt, end, plus(10 * DAY))).toEqual(end);
  });

  it("drops the steps a shorter window does not reach, and still reads at its end", () => {
    const shortEnd = windowEnd(askedAt, 2);
    expect(readsAfterAsking(shortEnd)).toEqual([plus(10 * MINUTE), plus(HOUR), plus(6 * HOUR), plus(DAY), plus(2 * DAY)]);
  });
});

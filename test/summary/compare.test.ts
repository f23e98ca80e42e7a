import { describe, expect, it } from "vitest";
import { biggestChange } from "../../src/summary/biggest-change.js";
import { averages, FIGURES } from "../../src/summary/figures.js";
import { lastPeriods, periodFromKey } from "../../src/summary/periods.js";
import { biggestChangeLine } from "../../src/summary/render-comparison.js";
import type { Baseline, PeriodFigures } from "../../src/summary/types.js";
import { figures, service } from "./period-figures.js";

const HOUR = 3600;
const duration = (median: number) => ({ median, p90: median, count: 1 });
const row = (label: string) => FIGURES.findIndex((figure) => figure.label === label);

/** The 12 weeks before 2026-W47, empty but for the `given` ones (by key), with the window's service figures. */
function baseline(given: PeriodFigures[], window = service()): Baseline {
  const byKey = new Map(given.map((figures) => [figures.period.key, figures]));
  const weeks = lastPeriods(periodFromKey("2026-W46", "UTC"), 12, "UTC");
  return { periods: weeks.map((week) => byKey.get(week.key) ?? figures(week.key)), service: window };
}

describe("averages over the 12 weeks before", () => {
  // W40: 1 positive of 1 (100 %); W44: 1 positive, 9 negative (−80 %). The mean of the two ratios would be 10 %;
  // pooled, 2 positive and 9 negative of 11 give (2 − 9)/11. Response rates: 0 of 1 and 1 of 3.
  const w40 = figures("2026-W40", { positive: 1, marketDemand: 1 }, { closed: 1, responseRate: 0, timeToClose: duration(HOUR) });
  const w44 = figures(
    "2026-W44",
    { positive: 1, negative: 9, marketDemand: 10 },
    { closed: 3, responseRate: 1 / 3, timeToClose: duration(3 * HOUR) },
  );

  it("pools ratios from the summed counts, over the weeks that had experiences", () => {
    const average = averages(baseline([w40, w44]));
    expect(average[row("Satisfaction")]).toEqual({ value: (2 - 9) / 11, periods: 2 });
    expect(average[row("Loyalty")]).toEqual({ value: 2 / 11, periods: 2 });
  });

  it("takes the mean per week of a count, a week with none counting as 0", () => {
    const average = averages(baseline([w40, w44]));
    expect(average[row("Experiences (known outcome)")]).toEqual({ value: (1 + 10) / 12, periods: 12 });
    expect(average[row("— negative")]).toEqual({ value: 9 / 12, periods: 12 });
    expect(average[row("Support issues closed")]).toEqual({ value: (1 + 3) / 12, periods: 12 });
  });

  it("takes the mean of business opportunity over the weeks that had it", () => {
    const bo = [w40, w44].map((week) => week.model.businessOpportunity ?? Number.NaN);
    expect(averages(baseline([w40, w44]))[row("Business opportunity")]).toEqual({ value: (bo[0]! + bo[1]!) / 2, periods: 2 });
  });

  it("takes times and rates from the whole window, not from the weeks' medians", () => {
    // The weeks' medians are 1 h and 3 h; all the window's issues together have a median of 2 h 30 min.
    // 1 response of 4 closed issues is 25 %, where the mean of the weeks' rates would be 16.7 %.
    const window = service({ closed: 4, responseRate: 0.25, reopenRate: 0, timeToClose: duration(2.5 * HOUR) });
    const average = averages(baseline([w40, w44], window));
    expect(average[row("Time to close, median")]).toEqual({ value: 2.5 * HOUR, periods: 2 });
    expect(average[row("Time to first response, median")]).toEqual({ value: null, periods: 0 });
    expect(average[row("Response rate")]).toEqual({ value: 0.25, periods: 2 });
  });

  it("has no average of a figure no week had", () => {
    const average = averages(baseline([]));
    expect(average[row("Satisfaction")]).toEqual({ value: null, periods: 0 });
    expect(average[row("Business opportunity")]).toEqual({ value: null, periods: 0 });
    expect(average[row("Experiences (known outcome)")]).toEqual({ value: 0, periods: 12 });
  });
});

describe("the biggest change against the previous week", () => {
  const before = figures(
    "2026-W46",
    { positive: 3, negative: 1 },
    { closed: 5, responseRate: 0.4, reopenRate: 0.1, timeToFirstResponse: duration(4 * HOUR), timeToClose: duration(10 * HOUR) },
  );
  const now = (counts: Parameters<typeof figures>[1], overrides: Parameters<typeof figures>[2]) =>
    figures("2026-W47", { positive: 3, negative: 1, ...counts }, { ...before.service, ...overrides });
  const line = (current: PeriodFigures, previous = before) => biggestChangeLine(biggestChange(current, previous), "week");

  it("names the key figure with the largest relative change, up or down", () => {
    // Time to first response 4 h → 1 h: −75 %; time to close 10 h → 15 h: +50 %.
    const current = now({}, { timeToFirstResponse: duration(HOUR), timeToClose: duration(15 * HOUR) });
    expect(line(current)).toBe("Biggest change: median time to first response \u22123 h against the previous week (\u221275 %)");
  });

  it("breaks a tie by the order of the table, whatever the direction", () => {
    // Experiences 4 → 6 (2 more neutral): +50 %; time to close 10 h → 5 h: −50 %; satisfaction 50.0 % → 33.3 %: −33 %.
    const current = now({ neutral: 2 }, { timeToClose: duration(5 * HOUR) });
    expect(line(current)).toBe("Biggest change: experiences +2 against the previous week (+50 %)");
  });

  it("leaves out figures without a value in either week, and figures the headline does not rank", () => {
    const quiet = figures("2026-W47", {}, { closed: 5, responseRate: 0.4, reopenRate: 1, timeToClose: duration(11 * HOUR) });
    // Satisfaction and loyalty have no value this week; experiences 4 → 0 is −100 %; the reopen rate (10 % → 100 %)
    // is not a key figure.
    expect(line(quiet)).toBe("Biggest change: experiences \u22124 against the previous week (\u2212100 %)");
    const noTimes = figures("2026-W46", { positive: 3, negative: 1 }, { closed: 5, responseRate: 0.4 });
    // Without last week's times, time to close (+10 %) is left out: nothing else changed.
    expect(line(now({}, { timeToClose: duration(11 * HOUR) }), noTimes)).toBe("No figure moved against the previous week.");
  });

  it("ranks a move from zero above any relative change, and says what it moved from", () => {
    const fromZero = figures("2026-W46", { positive: 3, negative: 1 }, { ...before.service, responseRate: 0 });
    // Response rate 0 % → 40 % has no relative size; time to first response 4 h → 40 h (+900 %) comes after it.
    const current = now({}, { timeToFirstResponse: duration(40 * HOUR) });
    expect(line(current, fromZero)).toBe("Biggest change: response rate +40.0 pts against the previous week (from 0.0 %)");
  });

  it("says no figure moved when every change rounds to less than 1 %", () => {
    expect(line(now({}, {}))).toBe("No figure moved against the previous week.");
    // 10 h → 10 h 2 min 24 s is +0.4 %; 10 h 3 min is +0.5 %, which prints as +1 %.
    expect(line(now({}, { timeToClose: duration(10 * HOUR + 144) }))).toBe("No figure moved against the previous week.");
    expect(line(now({}, { timeToClose: duration(10 * HOUR + 180) }))).toBe(
      "Biggest change: median time to close +3 min against the previous week (+1 %)",
    );
    const empty = [figures("2026-W47"), figures("2026-W46")] as const;
    expect(line(...empty)).toBe("No figure moved against the previous week.");
  });
});

import { describe, expect, it } from "vitest";
import { averages, FIGURES } from "../../src/summary/figures.js";
import { lastPeriods, periodFromKey } from "../../src/summary/periods.js";
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

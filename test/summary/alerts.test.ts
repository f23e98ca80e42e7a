import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { alertBlock, satisfactionAlerts } from "../../src/summary/alerts.js";
import { conclusionOf } from "../../src/summary/post-summary.js";
import type { PeriodFigures } from "../../src/summary/types.js";

/** The figures of two periods as far as alerts read them: their satisfaction. */
const periods = (current: number | null, previous: number | null) => ({
  current: { model: { satisfaction: current } } as PeriodFigures,
  previous: { model: { satisfaction: previous } } as PeriodFigures,
});
const settings = { threshold: 0.5, alert_drop: 0.2 };

describe("satisfaction alerts", () => {
  it("defaults to a drop of more than 20 points", () => {
    expect(defaultConfig.summary.alert_drop).toBe(0.2);
  });

  it("raises none when satisfaction meets the threshold and fell by 20 points or less", () => {
    expect(satisfactionAlerts(periods(0.6, 0.8), settings)).toEqual([]);
    expect(satisfactionAlerts(periods(0.5, 0.5), settings)).toEqual([]);
  });

  it("raises one below the threshold, and one for a fall of more than the configured drop", () => {
    expect(satisfactionAlerts(periods(0.4, 0.5), settings)).toEqual([{ kind: "below_threshold", satisfaction: 0.4, threshold: 0.5 }]);
    expect(satisfactionAlerts(periods(0.6, 0.9), settings)).toEqual([
      { kind: "drop", satisfaction: 0.6, previous: 0.9, drop: expect.closeTo(0.3, 12) },
    ]);
    expect(satisfactionAlerts(periods(0.1, 0.9), settings).map((alert) => alert.kind)).toEqual(["below_threshold", "drop"]);
  });

  it("raises none without a satisfaction to judge, and no drop without a previous one", () => {
    expect(satisfactionAlerts(periods(null, 0.9), settings)).toEqual([]);
    expect(satisfactionAlerts(periods(0.6, null), settings)).toEqual([]);
  });

  it("shows them as one caution block at the top of the summary", () => {
    expect(alertBlock(satisfactionAlerts(periods(0.1, 0.9), settings), "week")).toBe(
      [
        "> [!CAUTION]",
        "> **Satisfaction 10.0 % is below the target of 50.0 %.**",
        ">",
        "> **Satisfaction fell from 90.0 % to 10.0 % since the previous week.**",
      ].join("\n"),
    );
    expect(alertBlock([], "week")).toBeNull();
  });

  it("fails the check run on a drop even above the threshold", () => {
    const drop = satisfactionAlerts(periods(0.6, 0.9), settings);
    expect(conclusionOf(0.6, 0.5, drop)).toBe("failure");
    expect(conclusionOf(0.6, 0.5, [])).toBe("success");
    expect(conclusionOf(null, 0.5, [])).toBe("neutral");
  });
});

import { describe, expect, it } from "vitest";
import {
  formatCountChange,
  formatDuration,
  formatDurationChange,
  formatNumber,
  formatPercent,
  formatRatioChange,
} from "../../src/summary/format.js";

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;
const MISSING = [null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe("formatPercent", () => {
  it("prints one decimal and a real minus sign", () => {
    expect(formatPercent(3 / 7)).toBe("42.9 %"); // 42.857…
    expect(formatPercent(1)).toBe("100.0 %");
    expect(formatPercent(0)).toBe("0.0 %");
    expect(formatPercent(-0.25)).toBe("\u221225.0 %");
    expect(formatPercent(-0.0001)).toBe("0.0 %"); // rounds to zero: no "−0.0"
  });

  it.each(MISSING)("prints %s as n/a", (value) => {
    expect(formatPercent(value)).toBe("n/a");
    expect(formatNumber(value, 2)).toBe("n/a");
    expect(formatDuration(value)).toBe("n/a");
  });
});

describe("formatNumber", () => {
  it("prints the given number of decimals", () => {
    expect(formatNumber(276.923, 1)).toBe("276.9");
    expect(formatNumber(3, 0)).toBe("3");
    expect(formatNumber(-1.5, 2)).toBe("\u22121.50");
    expect(formatNumber(-0.004, 2)).toBe("0.00");
  });
});

describe("changes", () => {
  it("prints a ratio change in percentage points", () => {
    expect(formatRatioChange(0.5, 0.449)).toBe("+5.1 pts");
    expect(formatRatioChange(0.3, 0.32)).toBe("\u22122.0 pts");
    expect(formatRatioChange(0.4, 0.4)).toBe("±0.0 pts");
    expect(formatRatioChange(0.4, 0.39999)).toBe("±0.0 pts");
    expect(formatRatioChange(-0.2, 0.1)).toBe("\u221230.0 pts");
  });

  it("prints a count change", () => {
    expect(formatCountChange(5, 2)).toBe("+3");
    expect(formatCountChange(1, 2)).toBe("\u22121");
    expect(formatCountChange(2, 2)).toBe("±0");
  });

  it("prints a duration change", () => {
    expect(formatDurationChange(2 * HOUR + 5 * MIN, HOUR)).toBe("+1 h 5 min");
    expect(formatDurationChange(10 * MIN, 30 * MIN)).toBe("\u221220 min");
    expect(formatDurationChange(HOUR, HOUR)).toBe("±0 s");
  });

  it.each([formatRatioChange, formatCountChange, formatDurationChange])("gives new without a before, n/a without a now (%#)", (change) => {
    expect(change(1, null)).toBe("new");
    expect(change(1, Number.NaN)).toBe("new");
    expect(change(null, 1)).toBe("n/a");
    expect(change(null, null)).toBe("n/a");
    expect(change(Number.POSITIVE_INFINITY, 1)).toBe("n/a");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [45, "45 s"],
    [59.4, "59 s"],
    [59.6, "1 min"], // rounds up to a minute, never "60 s"
    [12 * MIN + 29, "12 min"],
    [59 * MIN + 40, "1 h"], // 59.67 min rounds to 60: an hour, never "60 min"
    [HOUR + 5 * MIN, "1 h 5 min"],
    [3 * HOUR + 12 * MIN + 20, "3 h 12 min"],
    [23 * HOUR + 59 * MIN + 50, "1 d"], // rounds to 24 h
    [DAY + 30 * MIN, "1 d 1 h"], // 24.5 h rounds half up to 25 h
    [2 * DAY + 4 * HOUR + 10 * MIN, "2 d 4 h"],
    [400 * DAY, "400 d"],
    [-90 * MIN, "\u22121 h 30 min"],
    [-0.3, "0 s"],
  ])("prints %s s as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("never prints a leading zero unit", () => {
    expect(formatDuration(5 * MIN)).toBe("5 min");
    expect(formatDuration(5 * HOUR)).toBe("5 h");
  });
});

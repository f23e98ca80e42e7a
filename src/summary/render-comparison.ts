import type { Move } from "./biggest-change.js";
import type { Average, FigureKind } from "./figures.js";
import {
  formatCountChange,
  formatDuration,
  formatDurationChange,
  formatNumber,
  formatPercent,
  formatRatioChange,
  formatRelativeChange,
} from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { count, decimal, decimalChange } from "./markdown.js";
import type { Baseline } from "./types.js";

// How the summary compares: a figure's value and change by its kind, the sentence that names the
// biggest move, and the note that says what the average is.

export type FigureFormat = { value: (value: number | null) => string; change: (now: number | null, before: number | null) => string };

export const FORMATS: Record<FigureKind, FigureFormat> = {
  ratio: { value: formatPercent, change: formatRatioChange },
  count: { value: (value) => formatNumber(value, 0), change: (now, before) => formatCountChange(now, before) },
  decimal: { value: decimal, change: decimalChange },
  duration: { value: formatDuration, change: formatDurationChange },
};

/** A mean of counts keeps one decimal (2.5 experiences a week), and so does the change against it. */
const AVERAGE_FORMATS: Record<FigureKind, FigureFormat> = {
  ...FORMATS,
  count: { value: (value) => formatNumber(value, 1), change: (now, before) => formatCountChange(now, before, 1) },
};

const periods = (n: number, noun: PeriodNoun): string => `${count(n)} ${noun}${n === 1 ? "" : "s"}`;

/** The average's cell and the change against it; an average of fewer periods than the baseline says of how many. */
export function averageCells(kind: FigureKind, now: number | null, average: Average, of: number, noun: PeriodNoun): string[] {
  const format = AVERAGE_FORMATS[kind];
  const value = format.value(average.value);
  const cell = average.value !== null && average.periods < of ? `${value} (${periods(average.periods, noun)})` : value;
  return [cell, format.change(now, average.value)];
}

/** `Biggest change: median time to first response −5 h 8 min against the previous week (−39 %)`. */
export function biggestChangeLine(move: Move | null, noun: PeriodNoun): string {
  if (move === null) return `No figure moved against the previous ${noun}.`;
  const { figure, now, before, relative } = move;
  const format = FORMATS[figure.kind];
  const size = relative === null ? `from ${format.value(before)}` : formatRelativeChange(relative);
  return `Biggest change: ${figure.name ?? figure.label} ${format.change(now, before)} against the previous ${noun} (${size})`;
}

/** Under the Figures table: which periods the average covers, and how each kind of figure is averaged. */
export function baselineNote(baseline: Baseline, noun: PeriodNoun): string {
  const n = baseline.periods.length;
  const [first, last] = [baseline.periods[0], baseline.periods[n - 1]];
  const span = first && last ? ` (${first.period.key} to ${last.period.key})` : "";
  return [
    `<sub>Average: the ${periods(n, noun)} before this one${span}. Counts are the mean per ${noun} (a ${noun} with none counts as 0).`,
    `Satisfaction, loyalty and the rates are computed once from all the experiences and issues of those ${noun}s, so a busy ${noun}`,
    `weighs more than a quiet one; business opportunity is the mean of the ${noun}s that had experiences; times are the median and`,
    `90th percentile of all their issues. A ${noun} without data for a figure (no experience with a known outcome, no support issue`,
    `closed or answered) is left out of it, and the number of ${noun}s that had it follows the average when fewer than ${count(n)} did.</sub>`,
  ].join(" ");
}

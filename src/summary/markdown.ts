import { formatNumber, formatPercent } from "./format.js";
import type { PeriodFigures } from "./types.js";

// The Markdown pieces every section of the summary is built of. Figures go through ./format.js (a
// null or non-finite number shows as `n/a`); every text that came from GitHub users goes through
// `escapeText`.

export type PeriodNoun = "week" | "month" | "day";

export const count = (value: number): string => formatNumber(value, 0);

/** Business opportunity is not a ratio (it scales with market demand): two decimals, changes as `+0.40`. */
const DIGITS = 2;
export const decimal = (value: number | null): string => formatNumber(value, DIGITS);
export function decimalChange(now: number | null, before: number | null): string {
  if (now === null || !Number.isFinite(now)) return "n/a";
  if (before === null || !Number.isFinite(before)) return "new";
  const diff = now - before;
  const text = formatNumber(Math.abs(diff), DIGITS);
  return Number(text) === 0 ? `±${text}` : `${diff > 0 ? "+" : "\u2212"}${text}`;
}

/**
 * Text from users (titles, label names) made inert: no HTML, no emphasis, links, table breaks or
 * math, and no @mention (a zero-width space after `@`, so no one is pinged). Newlines become spaces.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]|~$]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@&#8203;");
}

/** A code span (logins, file names): no mention inside, and backticks or pipes cannot break out. */
export const codeSpan = (text: string): string => `\`${text.replace(/\s+/g, " ").replace(/`/g, "'").replace(/\|/g, "\\|")}\``;

export const capital = (noun: PeriodNoun): string => noun.charAt(0).toUpperCase() + noun.slice(1);

/** A Markdown table, the first column left-aligned and the figures right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`, ...rows.map(line)].join("\n");
}

type Model = PeriodFigures["model"];
export const MODEL_HEADER = ["Satisfaction", "Loyalty", "Business opportunity", "Experiences", "Pending"];
export const modelCells = (m: Model): string[] => [
  formatPercent(m.satisfaction),
  formatPercent(m.loyalty),
  decimal(m.businessOpportunity),
  count(m.total),
  count(m.pending),
];

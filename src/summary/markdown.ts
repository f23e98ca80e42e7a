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

// Bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069): they reorder how
// the text around them reads ("txt.exe" shown as "exe.txt"), so they are removed, not escaped.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH_SPACE = "&#8203;";

/** Text with its bidirectional controls removed: for every place the app writes what users wrote. */
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, "");

/**
 * Text from users (titles, label names, reasons) made inert: no HTML, no emphasis, links, table
 * breaks or math; no @mention; no reference GitHub would link and back-reference (`#5`,
 * `owner/repo#5`, `GH-7`) and no autolink (`https://…`, `www.…`). A zero-width space breaks each of
 * those where GitHub looks for it, so the text reads the same. Bidirectional controls are removed;
 * newlines become spaces.
 */
export function escapeText(text: string): string {
  return withoutBidiControls(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]|~$]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZERO_WIDTH_SPACE}-`)
    .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, `$1${ZERO_WIDTH_SPACE}://`)
    .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`);
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

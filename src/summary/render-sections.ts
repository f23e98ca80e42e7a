import { DateTime } from "luxon";
import { formatCountChange, formatDuration, formatDurationChange, formatNumber, formatPercent, formatRatioChange } from "./format.js";
import type { PainPoint, Period, PeriodFigures, SummaryData } from "./types.js";

// Pieces of the summary document. Figures go through ./format.js (a null or non-finite number shows
// as `n/a`); every text that came from GitHub users goes through `escapeText`.

export type PeriodNoun = "week" | "month" | "day";

const count = (value: number): string => formatNumber(value, 0);

/** Business opportunity is not a ratio (it scales with market demand): two decimals, changes as `+0.40`. */
const DIGITS = 2;
const decimal = (value: number | null): string => formatNumber(value, DIGITS);
function decimalChange(now: number | null, before: number | null): string {
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

const capital = (noun: PeriodNoun): string => noun.charAt(0).toUpperCase() + noun.slice(1);

/** A Markdown table, the first column left-aligned and the figures right-aligned. */
function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`, ...rows.map(line)].join("\n");
}

type Model = PeriodFigures["model"];
const MODEL_HEADER = ["Satisfaction", "Loyalty", "Business opportunity", "Experiences", "Pending"];
const modelCells = (m: Model): string[] =>
  [formatPercent(m.satisfaction), formatPercent(m.loyalty), decimal(m.businessOpportunity), count(m.total), count(m.pending)];

function withChange(label: string, value: string, change: string): string {
  return change === "n/a" ? `**${label} ${value}**` : `**${label} ${value}** (${change})`;
}

/** The ten-second top: headline figures with their changes, experiences, what is compared with what. */
export function headline(data: SummaryData, noun: PeriodNoun): string {
  const [now, before] = [data.current.model, data.previous.model];
  const bo = [now.businessOpportunity, before.businessOpportunity] as const;
  const figures = [
    withChange("Satisfaction", formatPercent(now.satisfaction), formatRatioChange(now.satisfaction, before.satisfaction)),
    withChange("Loyalty", formatPercent(now.loyalty), formatRatioChange(now.loyalty, before.loyalty)),
    withChange("Business opportunity", decimal(bo[0]), decimalChange(...bo)),
  ].join(" · ");
  const experiences = (["positive", "negative", "neutral", "pending"] as const).map((kind) => `${count(now[kind])} ${kind}`);
  const [label, previousLabel] = [escapeText(data.current.period.label), escapeText(data.previous.period.label)];
  const periods = `${label} · changes against the previous ${noun} (${previousLabel})`;
  return [figures, `Experiences: ${experiences.join(" / ")}`, `<sub>${escapeText(data.subject)} · ${periods}</sub>`].join("\n\n");
}

export function configWarning(error: NonNullable<SummaryData["configError"]>): string {
  const where = error.line === null ? codeSpan(error.file) : `${codeSpan(error.file)}, line ${count(error.line)}`;
  const message = escapeText(error.message.length > 500 ? `${error.message.slice(0, 500)}…` : error.message);
  return ["> [!WARNING]", `> **Configuration error** in ${where}: ${message}`].join("\n");
}

/** Every figure: this period, the previous one, the change. */
export function figuresTable(data: SummaryData, noun: PeriodNoun): string {
  const [m, pm, s, ps] = [data.current.model, data.previous.model, data.current.service, data.previous.service];
  type Format = [(value: number | null) => string, (now: number | null, before: number | null) => string];
  const ratio: Format = [formatPercent, formatRatioChange];
  const whole: Format = [(value) => formatNumber(value, 0), formatCountChange];
  const time: Format = [formatDuration, formatDurationChange];
  const row = (label: string, [value, change]: Format, now: number | null, before: number | null) => [
    label, value(now), value(before), change(now, before),
  ];
  const rows = [
    row("Satisfaction", ratio, m.satisfaction, pm.satisfaction),
    row("Loyalty", ratio, m.loyalty, pm.loyalty),
    row("Business opportunity", [decimal, decimalChange], m.businessOpportunity, pm.businessOpportunity),
    row("Experiences (known outcome)", whole, m.total, pm.total),
    row("— positive", whole, m.positive, pm.positive),
    row("— negative", whole, m.negative, pm.negative),
    row("— neutral", whole, m.neutral, pm.neutral),
    row("Experiences pending", whole, m.pending, pm.pending),
    row("Support issues closed", whole, s.closed, ps.closed),
    row("Response rate", ratio, s.responseRate, ps.responseRate),
    row("Repeat usage", whole, m.repeatUsage, pm.repeatUsage),
    row("Market demand", whole, m.marketDemand, pm.marketDemand),
    row("Time to first response, median", time, s.timeToFirstResponse.median, ps.timeToFirstResponse.median),
    row("Time to first response, 90th percentile", time, s.timeToFirstResponse.p90, ps.timeToFirstResponse.p90),
    row("Time to close, median", time, s.timeToClose.median, ps.timeToClose.median),
    row("Time to close, 90th percentile", time, s.timeToClose.p90, ps.timeToClose.p90),
    row("Reopen rate", ratio, s.reopenRate, ps.reopenRate),
  ];
  return ["## Figures", "", table(["Figure", `This ${noun}`, `Previous ${noun}`, "Change"], rows)].join("\n");
}

const chartLabel = (period: Period): string => `"${period.shortLabel.replace(/["\\\n\r]/g, "'")}"`;

/** The last periods as a Mermaid line chart of satisfaction (periods without data left out) and a table. */
export function trendSection(trend: PeriodFigures[], noun: PeriodNoun): string {
  const points = trend.flatMap((f) => {
    const value = f.model.satisfaction;
    return value === null || !Number.isFinite(value) ? [] : [{ label: chartLabel(f.period), value: (value * 100).toFixed(1) }];
  });
  const chart =
    points.length < 2
      ? `Not enough data for a chart yet: ${points.length} of the last ${trend.length} ${noun}s had experiences with a known outcome.`
      : [
          "```mermaid",
          "xychart-beta",
          `  title "Satisfaction per ${noun} (%)"`,
          `  x-axis [${points.map((p) => p.label).join(", ")}]`,
          '  y-axis "Satisfaction (%)" -100 --> 100',
          `  line [${points.map((p) => p.value).join(", ")}]`,
          "```",
        ].join("\n");
  const rows = trend.map((f) => [escapeText(f.period.label), ...modelCells(f.model)]);
  const header = [capital(noun), ...MODEL_HEADER];
  return ["## Trend", "", chart, "", table(header, rows)].join("\n");
}

const more = (left: number): string => `… and ${left} more (left out to fit GitHub's size limit)`;

/**
 * Offset of the summary's time zone at the period's start, from its label (the first local day) and
 * its start instant, so a close date is the local day (UTC when the label says nothing).
 */
/** The calendar day of an instant in the period's time zone (right across a DST change too). */
function localDay(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISODate() ?? "date unknown";
}

/** Negative experiences, the first `keep` of them. */
export function painPointsSection(points: PainPoint[], period: Period, noun: PeriodNoun, keep = points.length): string {
  if (points.length === 0) return `## Pain points\n\nNo negative experience this ${noun}.`;
  const lines = points.slice(0, keep).map((p) => `- ${p.reference} ${escapeText(p.title)} (closed ${localDay(p.closedAt, period.zone)})`);
  if (keep < points.length) lines.push("", more(points.length - keep));
  return ["## Pain points", "", ...lines].join("\n");
}

/** Per-repository rows of an organisation-wide summary, the first `keep` of them. */
export function repositoriesSection(repositories: NonNullable<SummaryData["repositories"]>, keep = repositories.length): string {
  const rows = repositories.slice(0, keep).map((r) => [escapeText(r.fullName), ...modelCells(r.figures)]);
  const header = ["Repository", ...MODEL_HEADER];
  const body = repositories.length === 0 ? "No repository had experiences." : table(header, rows);
  const cut = keep < repositories.length ? ["", more(repositories.length - keep)] : [];
  return ["## By repository", "", body, ...cut].join("\n");
}

export function labelsSection(data: SummaryData, noun: PeriodNoun): string {
  const header = ["Label", "Experiences", "Positive", "Negative", "Neutral", "Satisfaction"];
  const rows = data.labels.map((l) => [
    escapeText(l.label), count(l.total), count(l.positive), count(l.negative), count(l.neutral), formatPercent(l.satisfaction),
  ]);
  return ["## By label", "", rows.length === 0 ? `No labelled experience this ${noun}.` : table(header, rows)].join("\n");
}

export function respondersSection(data: SummaryData, noun: PeriodNoun): string {
  const header = ["Responder", "First responses", "Median time to first response"];
  const rows = data.responders.map((r) => [codeSpan(r.login), count(r.firstResponses), formatDuration(r.medianSeconds)]);
  const body = rows.length === 0 ? `No first response by a maintainer this ${noun}.` : table(header, rows);
  return ["## By responder", "", body].join("\n");
}

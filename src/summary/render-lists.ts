import { DateTime } from "luxon";
import { formatDuration, formatPercent } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { codeSpan, count, escapeText, MODEL_HEADER, modelCells, table } from "./markdown.js";
import type { PainPoint, Period, SummaryData } from "./types.js";

// The lists of the summary: pain points, and the breakdowns by repository, label and responder.

const more = (left: number): string => `… and ${left} more (left out to fit GitHub's size limit)`;

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
    escapeText(l.label),
    count(l.total),
    count(l.positive),
    count(l.negative),
    count(l.neutral),
    formatPercent(l.satisfaction),
  ]);
  return ["## By label", "", rows.length === 0 ? `No labelled experience this ${noun}.` : table(header, rows)].join("\n");
}

export function respondersSection(data: SummaryData, noun: PeriodNoun): string {
  const header = ["Responder", "First responses", "Median time to first response"];
  const rows = data.responders.map((r) => [codeSpan(r.login), count(r.firstResponses), formatDuration(r.medianSeconds)]);
  const body = rows.length === 0 ? `No first response by a maintainer this ${noun}.` : table(header, rows);
  return ["## By responder", "", body].join("\n");
}

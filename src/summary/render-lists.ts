import { DateTime } from "luxon";
import { formatDuration, formatPercent } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { codeSpan, count, escapeText, MODEL_HEADER, modelCells, table } from "./markdown.js";
import type { FollowUpCounts } from "../queries/breakdowns.js";
import type { PainPoint, Period, SummaryData } from "./types.js";

// The lists of the summary: pain points, and the breakdowns by repository, label and responder.

const more = (left: number): string => `… and ${left} more (left out to fit GitHub's size limit)`;

/** The calendar day of an instant in the period's time zone (right across a DST change too). */
function localDay(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISODate() ?? "date unknown";
}

// A reason is shown up to this many characters; the whole (up to 2,000) stays in the database.
const REASON_SHOWN = 280;

function shortened(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, " ").trim());
  return characters.length <= REASON_SHOWN ? characters.join("") : `${characters.slice(0, REASON_SHOWN - 1).join("")}…`;
}

/** A pain point: the issue, its title, its close day, and on a second line the reporter's reason, all inert. */
function painPointLine(point: PainPoint, period: Period): string {
  const title = point.title === "" ? "" : ` ${escapeText(point.title)}`;
  const line = `- ${point.reference}${title} (closed ${localDay(point.closedAt, period.zone)})`;
  return point.reason === undefined ? line : `${line}\n  Reason: ${escapeText(shortened(point.reason))}`;
}

/** `3 of 4 followed up · 2 gave a reason`, when the period had negative experiences. */
function followUpLine(followUps: FollowUpCounts | undefined): string[] {
  if (!followUps || followUps.negative === 0) return [];
  return [`${count(followUps.followedUp)} of ${count(followUps.negative)} followed up · ${count(followUps.reasons)} gave a reason`, ""];
}

/** Negative experiences, the first `keep` of them, with their reasons and how many were followed up. */
export function painPointsSection(
  points: PainPoint[],
  period: Period,
  noun: PeriodNoun,
  keep = points.length,
  followUps?: FollowUpCounts,
): string {
  if (points.length === 0) return `## Pain points\n\nNo negative experience this ${noun}.`;
  const lines = points.slice(0, keep).map((point) => painPointLine(point, period));
  if (keep < points.length) lines.push("", more(points.length - keep));
  return ["## Pain points", "", ...followUpLine(followUps), ...lines].join("\n");
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

import { alertBlock } from "./alerts.js";
import { channelsSection } from "./render-channels.js";
import { formatNumber, formatPercent } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { labelsSection, painPointsSection, repositoriesSection, respondersSection } from "./render-lists.js";
import { knowledgeSection } from "./render-knowledge.js";
import { serviceLevelsSection } from "./render-service-levels.js";
import { configWarning, figuresTable, headline, trendSection } from "./render-sections.js";
import type { Section } from "./trim.js";
import { characters, trimToLimit, utf8Bytes } from "./trim.js";
import type { Period, SummaryData } from "./types.js";

export type RenderOptions = { marker: string; periodNoun: PeriodNoun };
export type CheckRunOutput = { title: string; summary: string; text?: string };

/** GitHub refuses an issue body over 65,536 characters; JavaScript's length (UTF-16 units) never undercounts them. */
export const ISSUE_BODY_LIMIT = 65_535;
/** GitHub checks a check run's `output.summary` by its UTF-8 size: at most 65,535 bytes. */
export const CHECK_RUN_SUMMARY_LIMIT = 65_535;
export const CHECK_RUN_TITLE_LIMIT = 255;

/** The document's sections, top to bottom; trim orders: responders 1, labels 2, channels 2.2, knowledge base 2.3, service levels 2.5, repositories 3, pain points 4, trend 5. */
export function summarySections(data: SummaryData, options: RenderOptions): Section[] {
  const noun = options.periodNoun;
  const alerts = alertBlock(data.alerts ?? [], noun);
  const top = [
    options.marker,
    ...(alerts ? [alerts] : []),
    headline(data, noun),
    ...(data.configError ? [configWarning(data.configError)] : []),
  ];
  const { painPoints, repositories, followUps } = data;
  const channels = channelsSection(data.channels ?? [], noun);
  const knowledge = knowledgeSection(data, noun);
  return [
    { name: "Headline", text: top.join("\n\n") },
    { name: "Figures", text: figuresTable(data, noun) },
    ...(channels ? [{ name: "By channel", text: channels, trim: { order: 2.2 } }] : []),
    ...(data.serviceLevels ? [{ name: "Service levels", text: serviceLevelsSection(data.serviceLevels, noun), trim: { order: 2.5 } }] : []),
    ...(knowledge ? [{ name: "Knowledge-base answers", text: knowledge, trim: { order: 2.3 } }] : []),
    { name: "Trend", text: trendSection(data.trend, noun), trim: { order: 5 } },
    {
      name: "Pain points",
      text: painPointsSection(painPoints, data.current.period, noun, painPoints.length, followUps),
      trim: {
        order: 4,
        items: painPoints.length,
        cut: (keep) => painPointsSection(painPoints, data.current.period, noun, keep, followUps),
      },
    },
    ...(repositories
      ? [
          {
            name: "By repository",
            text: repositoriesSection(repositories),
            trim: { order: 3, items: repositories.length, cut: (keep: number) => repositoriesSection(repositories, keep) },
          },
        ]
      : []),
    { name: "By label", text: labelsSection(data, noun), trim: { order: 2 } },
    { name: "By responder", text: respondersSection(data, noun), trim: { order: 1 } },
  ];
}

/** The body of a summary issue: GitHub Markdown, under 65,536 characters. */
export function renderSummary(data: SummaryData, options: RenderOptions): string {
  return trimToLimit(summarySections(data, options), ISSUE_BODY_LIMIT, characters);
}

/** The title of a check run: the headline numbers, or that there is nothing to measure. */
export function checkRunTitle(data: SummaryData, noun: PeriodNoun): string {
  const { total, pending, satisfaction, loyalty } = data.current.model;
  const known = `${formatNumber(total, 0)} experience${total === 1 ? "" : "s"}`;
  const parts =
    total > 0
      ? [`Satisfaction ${formatPercent(satisfaction)}`, `Loyalty ${formatPercent(loyalty)}`, known]
      : [pending > 0 ? `No experience with a known outcome this ${noun}` : `No experiences this ${noun}`];
  if (pending > 0) parts.push(`${formatNumber(pending, 0)} pending`);
  if ((data.alerts ?? []).length > 0) parts.push("alert");
  if (data.configError) parts.push("configuration error");
  const title = parts.join(" · ");
  return title.length > CHECK_RUN_TITLE_LIMIT ? `${title.slice(0, CHECK_RUN_TITLE_LIMIT - 1)}…` : title;
}

/** A check run's output: the same document as the issue, trimmed to the check run's byte limit. */
export function renderCheckRunOutput(data: SummaryData, options: RenderOptions): CheckRunOutput {
  return {
    title: checkRunTitle(data, options.periodNoun),
    summary: trimToLimit(summarySections(data, options), CHECK_RUN_SUMMARY_LIMIT, utf8Bytes),
  };
}

/**
 * `Satisfaction report: 2026-11-16 to 2026-11-22`. A repository's summary passes `null` (the issue
 * lives in that repository); an organisation-wide one passes the organisation's login, appended as
 * ` (octo-org)` so it reads apart from the repository's own reports.
 */
export function summaryTitle(subject: string | null, period: Period): string {
  return `Satisfaction report: ${period.label}${subject ? ` (${subject})` : ""}`;
}

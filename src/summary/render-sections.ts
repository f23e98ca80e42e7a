import { formatCountChange, formatDuration, formatDurationChange, formatNumber, formatPercent, formatRatioChange } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { capital, codeSpan, count, decimal, decimalChange, escapeText, MODEL_HEADER, modelCells, table } from "./markdown.js";
import type { Period, PeriodFigures, SummaryData } from "./types.js";

// The figures of the summary: the headline, the configuration warning, the table, the trend.

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
    label,
    value(now),
    value(before),
    change(now, before),
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

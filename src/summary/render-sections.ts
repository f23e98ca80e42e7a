import { biggestChange } from "./biggest-change.js";
import { averages, FIGURES } from "./figures.js";
import { formatPercent, formatRatioChange } from "./format.js";
import type { PeriodNoun } from "./markdown.js";
import { capital, codeSpan, count, decimal, decimalChange, escapeText, MODEL_HEADER, modelCells, table } from "./markdown.js";
import { averageCells, baselineNote, biggestChangeLine, FORMATS } from "./render-comparison.js";
import type { Period, PeriodFigures, SummaryData } from "./types.js";

// The figures of the summary: the headline, the configuration warning, the table, the trend.

function withChange(label: string, value: string, change: string): string {
  return change === "n/a" ? `**${label} ${value}**` : `**${label} ${value}** (${change})`;
}

/** The ten-second top: headline figures with their changes, what moved most, experiences, what is compared with what. */
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
  const moved = biggestChangeLine(biggestChange(data.current, data.previous), noun);
  return [figures, moved, `Experiences: ${experiences.join(" / ")}`, `<sub>${escapeText(data.subject)} · ${periods}</sub>`].join("\n\n");
}

export function configWarning(error: NonNullable<SummaryData["configError"]>): string {
  const where = error.line === null ? codeSpan(error.file) : `${codeSpan(error.file)}, line ${count(error.line)}`;
  const message = escapeText(error.message.length > 500 ? `${error.message.slice(0, 500)}…` : error.message);
  return ["> [!WARNING]", `> **Configuration error** in ${where}: ${message}`].join("\n");
}

/** Every figure: this period, the previous one and the change, the baseline's average and the change against it. */
export function figuresTable(data: SummaryData, noun: PeriodNoun): string {
  const of = data.baseline.periods.length;
  const average = averages(data.baseline);
  const rows = FIGURES.map((figure, index) => {
    const { value, change } = FORMATS[figure.kind];
    const [now, before] = [figure.of(data.current), figure.of(data.previous)];
    return [figure.label, value(now), value(before), change(now, before), ...averageCells(figure.kind, now, average[index]!, of, noun)];
  });
  const header = ["Figure", `This ${noun}`, `Previous ${noun}`, "Change", `${count(of)}-${noun} average`, "Against average"];
  return ["## Figures", "", table(header, rows), "", baselineNote(data.baseline, noun)].join("\n");
}

const chartLabel = (period: Period): string => `"${period.shortLabel.replace(/["\\\n\r]/g, "'")}"`;

/** The last periods as a Mermaid line chart of satisfaction (periods without data left out) and a table from the first with data. */
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
  // Periods before the first with an experience (before the app came) would only be rows of n/a.
  const first = trend.findIndex((f) => f.model.total + f.model.pending > 0);
  const rows = trend.slice(Math.max(first, 0)).map((f) => [escapeText(f.period.label), ...modelCells(f.model)]);
  const header = [capital(noun), ...MODEL_HEADER];
  const since = first > 0 ? ["", `<sub>From the first ${noun} with an experience; the ${first} before had none.</sub>`] : [];
  return ["## Trend", "", chart, "", table(header, rows), ...since].join("\n");
}

import type { Report } from "../model/report.js";

const percent = (ratio: number | null) => (ratio === null ? "n/a" : `${(ratio * 100).toFixed(1)} %`);
const decimal = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));

/** The report as a table for people; `--json` prints the Report object itself. */
export function formatReport(report: Report): string {
  const rows: [string, string][] = [
    ["Satisfaction", percent(report.satisfaction)],
    ["Loyalty", percent(report.loyalty)],
    ["Business opportunity", decimal(report.businessOpportunity)],
    ["Experiences (known)", String(report.total)],
    ["  positive", String(report.positive)],
    ["  negative", String(report.negative)],
    ["  neutral", String(report.neutral)],
    ["Pending", String(report.pending)],
    ["Repeat usage", String(report.repeatUsage)],
    ["Market demand", String(report.marketDemand)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `${report.repository}: ${report.from} to ${report.to} (to exclusive)`,
    "",
    ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value.padStart(9)}`),
  ].join("\n");
}

import { measuresResponses } from "../model/channels.js";
import type { Report } from "../model/report.js";
import { formatDuration } from "../summary/format.js";

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
    ["Response rate", percent(report.responseRate)],
    ["First response, median", formatDuration(report.firstResponse.medianSeconds)],
    ["First response, p90", formatDuration(report.firstResponse.p90Seconds)],
    ["Time to close, median", formatDuration(report.timeToClose.medianSeconds)],
    ["Time to close, p90", formatDuration(report.timeToClose.p90Seconds)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `${report.repository}: ${report.from} to ${report.to} (to exclusive); times on the ${report.clock} clock`,
    "",
    ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value.padStart(9)}`),
    ...channelLines(report.channels),
  ].join("\n");
}

// As in the summary: a desk's first response is not measured (—); a GitHub channel without one yet: n/a.
const firstResponse = (row: Report["channels"][number]) =>
  measuresResponses(row.channel) ? formatDuration(row.firstResponse.medianSeconds) : "—";

/** The breakdown by channel, one line each: experiences, satisfaction, median first response. */
function channelLines(channels: Report["channels"]): string[] {
  if (channels.length === 0) return [];
  const width = Math.max(...channels.map((row) => row.channel.length));
  return [
    "",
    "By channel (experiences known, satisfaction, first response median; — not measured)",
    ...channels.map(
      (row) =>
        `  ${row.channel.padEnd(width)}  ${String(row.total).padStart(5)}  ${percent(row.satisfaction).padStart(8)}  ${firstResponse(row).padStart(9)}`,
    ),
  ];
}

import type { WorkCounts } from "../queries/work-status.js";
import { CONFIG_CHECK_STATUSES, SUMMARY_STATUSES, SURVEY_STATUSES } from "../queries/work-status.js";

/** The Prometheus text exposition format, version 0.0.4. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

type Sample = { label?: [name: string, value: string]; value: number };

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

function gauge(name: string, help: string, samples: Sample[]): string[] {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const { label, value } of samples) lines.push(`${name}${label ? `{${label[0]}="${escapeLabel(label[1])}"}` : ""} ${value}`);
  return lines;
}

/** Every known status, 0 when there is none (no gaps on dashboards), then any other found, sorted. */
function byStatus(known: readonly string[], counted: Map<string, number>): Sample[] {
  const others = [...counted.keys()].filter((status) => !known.includes(status)).sort();
  return [...known, ...others].map((status) => ({ label: ["status", status], value: counted.get(status) ?? 0 }));
}

/** The /metrics page: app-wide counts only, no installation, repository or person in any label. */
export function renderMetrics(counts: WorkCounts): string {
  const lines = [
    ...gauge("satisfaction_bot_surveys", "Surveys by status.", byStatus(SURVEY_STATUSES, counts.surveys)),
    ...gauge(
      "satisfaction_bot_surveys_due",
      "Surveys to ask or to read whose time has come (the sweep's backlog; suspended installations and removed repositories left out).",
      [{ value: counts.surveysDue }],
    ),
    ...gauge("satisfaction_bot_summaries", "Summaries by status.", byStatus(SUMMARY_STATUSES, counts.summaries)),
    ...gauge(
      "satisfaction_bot_config_checks",
      "Configuration check runs of pushes that changed .github/satisfaction.yml, by status.",
      byStatus(CONFIG_CHECK_STATUSES, counts.configChecks),
    ),
    ...gauge(
      "satisfaction_bot_deliveries_given_up",
      "Webhook deliveries the recovery job gave up redelivering (kept until they leave GitHub's redelivery window).",
      [{ value: counts.deliveriesGivenUp }],
    ),
    ...gauge("satisfaction_bot_installations", "Installations by state.", [
      { label: ["state", "active"], value: counts.installationsActive },
      { label: ["state", "suspended"], value: counts.installationsSuspended },
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

import type { WorkCounts } from "../queries/work-status.js";
import { CONFIG_CHECK_STATUSES, SUMMARY_STATUSES, SURVEY_STATUSES } from "../queries/work-status.js";

/** The Prometheus text exposition format, version 0.0.4. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

type Sample = { label?: [name: string, value: string]; labels?: [name: string, value: string][]; value: number };

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

function gauge(name: string, help: string, samples: Sample[]): string[] {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const { label, labels, value } of samples) {
    const pairs = labels ?? (label ? [label] : []);
    const text = pairs.map(([key, labelValue]) => `${key}="${escapeLabel(labelValue)}"`).join(",");
    lines.push(`${name}${text ? `{${text}}` : ""} ${value}`);
  }
  return lines;
}

/** Every known status, 0 when there is none (no gaps on dashboards), then any other found, sorted. */
function byStatus(known: readonly string[], counted: Map<string, number>): Sample[] {
  const others = [...counted.keys()].filter((status) => !known.includes(status)).sort();
  return [...known, ...others].map((status) => ({ label: ["status", status], value: counted.get(status) ?? 0 }));
}

const WORK_STATES = ["pending", "failed"] as const;

/** Every registered kind in every state, 0 when there is none (a first failure shows as a rise), then any other found. */
function workByKindAndState(counts: WorkCounts, kinds: readonly string[]): Sample[] {
  const counted = new Map(counts.work.map((row) => [`${row.kind}\n${row.state}`, row.count]));
  const known = kinds.flatMap((kind) => WORK_STATES.map((state) => `${kind}\n${state}`));
  const others = [...counted.keys()].filter((key) => !known.includes(key)).sort();
  return [...known, ...others].map((key) => {
    const [kind = "", state = ""] = key.split("\n");
    return {
      labels: [
        ["kind", kind],
        ["state", state],
      ],
      value: counted.get(key) ?? 0,
    };
  });
}

/** Each kind of queued work (every registered one, 0 when none is due) with the age of its oldest due work, in seconds. */
function dueByKind(counts: WorkCounts, kinds: readonly string[]): [string, number][] {
  const oldest = new Map<string, number>(kinds.map((kind) => [kind, 0]));
  for (const row of counts.work) oldest.set(row.kind, Math.max(oldest.get(row.kind) ?? 0, Math.round(row.oldestDueSeconds ?? 0)));
  return [...oldest.entries()];
}

/**
 * The /metrics page: app-wide counts only, no installation, repository or person in any label.
 * `kinds`: the registered kinds of work, shown with 0 when the queue holds none of them.
 */
export function renderMetrics(counts: WorkCounts, kinds: readonly string[] = []): string {
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
    ...gauge(
      "satisfaction_bot_work",
      "The work queue (everything done after answering a webhook) by kind and state: pending (queued or waiting to retry) or failed (given up).",
      workByKindAndState(counts, kinds),
    ),
    ...gauge(
      "satisfaction_bot_work_oldest_due_seconds",
      "How long the oldest pending work of each kind has been due (0 when none is due).",
      dueByKind(counts, kinds).map(([kind, seconds]) => ({ label: ["kind", kind], value: seconds })),
    ),
    ...gauge("satisfaction_bot_installations", "Installations by state.", [
      { label: ["state", "active"], value: counts.installationsActive },
      { label: ["state", "suspended"], value: counts.installationsSuspended },
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

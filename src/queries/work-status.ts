import type { Queryable } from "../db/types.js";
import type { WorkQueueCounts } from "./failed-work.js";
import { workQueueCounts } from "./failed-work.js";
import type { SurveyStatus } from "./surveys.js";
import { ASK_SURVEY, READ_REACTIONS } from "./surveys.js";

const SURVEY_WORK = [ASK_SURVEY, READ_REACTIONS];

/** Every status the surveys_status_check constraint allows (migration 006), in the order of the lifecycle. */
export const SURVEY_STATUSES = [
  "to_ask",
  "asked",
  "answered",
  "expired",
  "comment_deleted",
  "cancelled",
  "failed",
] as const satisfies readonly SurveyStatus[];

/** Every status the summaries_status_check constraint allows (migration 008). */
export const SUMMARY_STATUSES = ["pending", "posted", "dry_run", "failed"] as const;

/** Every status the config_checks_status_check constraint allows (migration 009). */
export const CONFIG_CHECK_STATUSES = ["pending", "posted", "failed"] as const;

/** App-wide counts only: nothing here names an installation, a repository or a person. */
export type WorkCounts = {
  surveys: Map<string, number>;
  summaries: Map<string, number>;
  configChecks: Map<string, number>;
  /** Surveys the sweep would work now: to ask or to read, due, and neither suspended nor removed. */
  surveysDue: number;
  deliveriesGivenUp: number;
  installationsActive: number;
  installationsSuspended: number;
  /** The work queue by kind and state, with what is due and how long the oldest due has waited. */
  work: WorkQueueCounts[];
};

/** The counts of an app with nothing in it. */
export function emptyWorkCounts(): WorkCounts {
  return {
    surveys: new Map(),
    summaries: new Map(),
    configChecks: new Map(),
    surveysDue: 0,
    deliveriesGivenUp: 0,
    installationsActive: 0,
    installationsSuspended: 0,
    work: [],
  };
}

/** Answers when PostgreSQL answers: the health check's `SELECT 1`. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query("SELECT 1");
}

/** The figures /metrics exposes: the tables' counts in one statement (one snapshot), then the work queue's. */
export async function workCounts(db: Queryable): Promise<WorkCounts> {
  const { rows } = await db.query<{ kind: string; key: string; n: number }>(
    `SELECT 'survey' AS kind, status AS key, count(*)::int AS n FROM surveys GROUP BY status
     UNION ALL
     SELECT 'summary', status, count(*)::int FROM summaries GROUP BY status
     UNION ALL
     SELECT 'config_check', status, count(*)::int FROM config_checks GROUP BY status
     UNION ALL
     SELECT 'installation', CASE WHEN suspended_at IS NULL THEN 'active' ELSE 'suspended' END, count(*)::int
       FROM installations GROUP BY 2
     UNION ALL
     SELECT 'given_up', '', count(*)::int FROM delivery_redeliveries WHERE given_up_at IS NOT NULL`,
  );
  const work = await workQueueCounts(db);
  const surveysDue = work.filter((row) => SURVEY_WORK.includes(row.kind)).reduce((sum, row) => sum + row.due, 0);
  const counts: WorkCounts = { ...emptyWorkCounts(), work, surveysDue };
  for (const { kind, key, n } of rows) {
    if (kind === "survey") counts.surveys.set(key, n);
    else if (kind === "summary") counts.summaries.set(key, n);
    else if (kind === "config_check") counts.configChecks.set(key, n);
    else if (kind === "installation" && key === "active") counts.installationsActive = n;
    else if (kind === "installation") counts.installationsSuspended = n;
    else counts.deliveriesGivenUp = n;
  }
  return counts;
}

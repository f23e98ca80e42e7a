import { Gauge } from "prom-client";
import type { Registry } from "prom-client";
import type { PoolUse } from "../db/types.js";
import type { WorkCounts } from "../queries/work-status.js";
import { CONFIG_CHECK_STATUSES, SUMMARY_STATUSES, SURVEY_STATUSES } from "../queries/work-status.js";
import type { Sample } from "./exposition.js";
import { byStatus, oldestDueByKind, workByKindAndState } from "./exposition.js";

export type DatabaseSources = {
  /** The app-wide counts, read at each scrape. */
  counts: () => Promise<WorkCounts>;
  /** The registered kinds of work, shown with 0 when the queue holds none of them. */
  kinds: readonly string[];
  /** The connection pool's use (PostgreSQL); undefined for the embedded database's single connection. */
  pool?: (() => PoolUse) | undefined;
};

/** One read of the counts for every gauge of a scrape: the gauges' collects all start before it answers. */
function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () =>
    (inFlight ??= read().finally(() => {
      inFlight = undefined;
    }));
}

function tableGauges(registry: Registry, sources: DatabaseSources): void {
  const counts = shared(sources.counts);
  const gauge = (name: string, help: string, labelNames: string[], samples: (counts: WorkCounts) => Sample[]) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const read = await counts();
        this.reset();
        for (const { labels, value } of samples(read)) this.set(labels, value);
      },
    });
  const one = (value: (counts: WorkCounts) => number) => (read: WorkCounts) => [{ labels: {}, value: value(read) }];
  gauge("satisfaction_bot_surveys", "Surveys by status.", ["status"], (read) => byStatus(SURVEY_STATUSES, read.surveys));
  gauge(
    "satisfaction_bot_surveys_due",
    "Surveys to ask or to read whose time has come (the sweep's backlog; suspended installations and removed repositories left out).",
    [],
    one((read) => read.surveysDue),
  );
  gauge("satisfaction_bot_summaries", "Summaries by status.", ["status"], (read) => byStatus(SUMMARY_STATUSES, read.summaries));
  gauge(
    "satisfaction_bot_config_checks",
    "Configuration check runs of pushes that changed .github/satisfaction.yml, by status.",
    ["status"],
    (read) => byStatus(CONFIG_CHECK_STATUSES, read.configChecks),
  );
  gauge(
    "satisfaction_bot_deliveries_given_up",
    "Webhook deliveries the recovery job gave up redelivering (kept until they leave GitHub's redelivery window).",
    [],
    one((read) => read.deliveriesGivenUp),
  );
  gauge(
    "satisfaction_bot_work",
    "The work queue (everything done after answering a webhook) by kind and state: pending (queued or waiting to retry) or failed (given up).",
    ["kind", "state"],
    (read) => workByKindAndState(read, sources.kinds),
  );
  gauge(
    "satisfaction_bot_work_oldest_due_seconds",
    "How long the oldest pending work of each kind has been due (0 when none is due).",
    ["kind"],
    (read) => oldestDueByKind(read, sources.kinds),
  );
  gauge("satisfaction_bot_installations", "Installations by state.", ["state"], (read) => [
    { labels: { state: "active" }, value: read.installationsActive },
    { labels: { state: "suspended" }, value: read.installationsSuspended },
  ]);
}

function poolGauges(registry: Registry, pool: () => PoolUse): void {
  const gauge = (name: string, help: string, value: (use: PoolUse) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value(pool()));
      },
    });
  gauge("satisfaction_bot_db_pool_connections", "Connections the PostgreSQL pool holds open (idle and in use).", (use) => use.total);
  gauge("satisfaction_bot_db_pool_idle_connections", "Open connections of the pool waiting for a query.", (use) => use.idle);
  gauge(
    "satisfaction_bot_db_pool_waiting_requests",
    "Queries and transactions waiting for a connection of the pool.",
    (use) => use.waiting,
  );
  gauge("satisfaction_bot_db_pool_max_connections", "The most connections the pool opens.", (use) => use.max);
}

/** The gauges read from the database at scrape time: the tables' counts, the work queue, and the pool's use. */
export function registerDatabaseGauges(registry: Registry, sources: DatabaseSources): void {
  tableGauges(registry, sources);
  if (sources.pool) poolGauges(registry, sources.pool);
}

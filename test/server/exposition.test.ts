import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { registerDatabaseGauges } from "../../src/ops/database-gauges.js";
import { hasBearerToken } from "../../src/ops/metrics.js";
import type { WorkCounts } from "../../src/queries/work-status.js";
import { CONFIG_CHECK_STATUSES, emptyWorkCounts, SUMMARY_STATUSES, SURVEY_STATUSES } from "../../src/queries/work-status.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { METRICS_TOKEN } from "../helpers/ops-server.js";

// The exposition's labels follow the schema; the token check takes exactly `Bearer <token>`.

/** The database's gauges on a registry of their own, read from `counts` (each scrape takes the next). */
function gauges(counts: WorkCounts[], kinds: readonly string[] = []) {
  const registry = new Registry();
  let reads = 0;
  registerDatabaseGauges(registry, { counts: async () => counts[reads++] ?? emptyWorkCounts(), kinds });
  return { scrape: async () => (await registry.metrics()).split("\n"), reads: () => reads };
}

describe("the statuses /metrics emits", () => {
  const { db } = useDatabase(createTestDatabase, { emptyEachTest: false });

  it("are every status the CHECK constraints allow, no more, no fewer", async () => {
    const allowed = async (constraint: string) => {
      const { rows } = await db().query<{ def: string }>("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1", [
        constraint,
      ]);
      return [...(rows[0]?.def ?? "").matchAll(/'([a-z_]+)'/g)].map((match) => match[1]).sort();
    };
    expect(await allowed("surveys_status_check")).toEqual([...SURVEY_STATUSES].sort());
    expect(await allowed("summaries_status_check")).toEqual([...SUMMARY_STATUSES].sort());
    expect(await allowed("config_checks_status_check")).toEqual([...CONFIG_CHECK_STATUSES].sort());
  });

  it("add a status the code does not know after the known ones, escaped, rather than dropping it", async () => {
    const counts = {
      ...emptyWorkCounts(),
      surveys: new Map([
        ["failed", 1],
        ['odd"one', 4],
      ]),
    };
    expect((await gauges([counts]).scrape()).slice(2, 10)).toEqual([
      'satisfaction_bot_surveys{status="to_ask"} 0',
      'satisfaction_bot_surveys{status="asked"} 0',
      'satisfaction_bot_surveys{status="answered"} 0',
      'satisfaction_bot_surveys{status="expired"} 0',
      'satisfaction_bot_surveys{status="comment_deleted"} 0',
      'satisfaction_bot_surveys{status="cancelled"} 0',
      'satisfaction_bot_surveys{status="failed"} 1',
      'satisfaction_bot_surveys{status="odd\\"one"} 4',
    ]);
  });
});

describe("the work queue /metrics emits", () => {
  it("counts every registered kind in both states (0 when none, then kinds not registered), with the age of its oldest due work in whole seconds", async () => {
    const counts = {
      ...emptyWorkCounts(),
      work: [
        { kind: "survey.ask", state: "failed", count: 2, due: 0, oldestDueSeconds: null },
        { kind: "survey.ask", state: "pending", count: 5, due: 3, oldestDueSeconds: 90.6 },
        { kind: "summary.post", state: "pending", count: 1, due: 0, oldestDueSeconds: null },
      ],
    };
    const lines = await gauges([counts], ["survey.ask", "config_check.post"]).scrape();
    expect(lines.filter((line) => line.startsWith("satisfaction_bot_work"))).toEqual([
      'satisfaction_bot_work{kind="survey.ask",state="pending"} 5',
      'satisfaction_bot_work{kind="survey.ask",state="failed"} 2',
      'satisfaction_bot_work{kind="config_check.post",state="pending"} 0',
      'satisfaction_bot_work{kind="config_check.post",state="failed"} 0',
      'satisfaction_bot_work{kind="summary.post",state="pending"} 1',
      'satisfaction_bot_work_oldest_due_seconds{kind="survey.ask"} 91',
      'satisfaction_bot_work_oldest_due_seconds{kind="config_check.post"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="summary.post"} 0',
    ]);
  });
});

describe("the database's gauges", () => {
  it("read the counts once per scrape, and drop a series the next read no longer has", async () => {
    const odd = { ...emptyWorkCounts(), surveys: new Map([["odd", 2]]) };
    const { scrape, reads } = gauges([odd, emptyWorkCounts()]);
    expect(await scrape()).toContain('satisfaction_bot_surveys{status="odd"} 2');
    expect(reads()).toBe(1);
    const second = await scrape();
    expect(reads()).toBe(2);
    expect(second).toContain('satisfaction_bot_surveys{status="failed"} 0');
    expect(second.filter((line) => line.includes("odd"))).toEqual([]);
  });

  it("fail the scrape when the counts cannot be read", async () => {
    const registry = new Registry();
    registerDatabaseGauges(registry, { counts: () => Promise.reject(new Error("connection refused")), kinds: [] });
    await expect(registry.metrics()).rejects.toThrow("connection refused");
  });
});

describe("the bearer token check", () => {
  it("accepts only `Bearer <token>`, whatever the case of Bearer", () => {
    expect(hasBearerToken(`Bearer ${METRICS_TOKEN}`, METRICS_TOKEN)).toBe(true);
    expect(hasBearerToken(`bearer ${METRICS_TOKEN}`, METRICS_TOKEN)).toBe(true);
    const refused = [undefined, "", `Bearer ${METRICS_TOKEN} extra`, `Bearer ${METRICS_TOKEN.toUpperCase()}`, `Token ${METRICS_TOKEN}`];
    expect(refused.map((header) => hasBearerToken(header, METRICS_TOKEN))).toEqual([false, false, false, false, false]);
  });
});

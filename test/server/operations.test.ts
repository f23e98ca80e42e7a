import net from "node:net";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/db/postgres.js";
import { checkHealth } from "../../src/ops/health.js";
import { WORK_KINDS } from "../../src/work/registry.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { DOWN_BODY, families, METRICS_TOKEN, read, useOperationsServers } from "../helpers/ops-server.js";
import { seedConfigCheck, seedInstallation, seedRedelivery, seedRepository, seedSummary, seedSurvey } from "../helpers/seed-work.js";

// /health and /metrics: app-wide figures from a seeded database, nothing of any installation's own;
// 503 when the database cannot serve, while /ping keeps answering.
const PAST = "2000-01-01T00:00:00Z";
const FUTURE = "2999-01-01T00:00:00Z";
// Due even longer, but waiting on a suspended installation or a removed repository: not the backlog.
const LONG_AGO = "1990-01-01T00:00:00Z";
// Names that must never reach /metrics or /health: accounts, repositories, reporters.
const PRIVATE_NAMES = ["secret-org", "private-app", "retired-repo", "hidden-co", "tool", "alice-reporter", "bob-reporter"];
// The gauges read from the tables, in the order /metrics gives them.
const TABLE_GAUGES = [
  "satisfaction_bot_surveys",
  "satisfaction_bot_surveys_due",
  "satisfaction_bot_summaries",
  "satisfaction_bot_config_checks",
  "satisfaction_bot_deliveries_given_up",
  "satisfaction_bot_work",
  "satisfaction_bot_work_oldest_due_seconds",
  "satisfaction_bot_installations",
];
const start = useOperationsServers();
const down = { status: 503, type: "application/json", body: DOWN_BODY };

describe("with the database up", () => {
  const { db } = useDatabase(createTestDatabase, { emptyEachTest: false });
  beforeAll(async () => {
    await seedInstallation(db(), 100, "secret-org");
    await seedInstallation(db(), 200, "open-org");
    await seedInstallation(db(), 300, "hidden-co", "2026-11-20T00:00:00Z");
    await seedRepository(db(), 100, 700, "secret-org/private-app");
    await seedRepository(db(), 100, 701, "secret-org/retired-repo", "2026-11-15T00:00:00Z");
    await seedRepository(db(), 300, 702, "hidden-co/tool");
    const app = { installation: 100, repo: 700 };
    // to_ask 2 (one due), asked 3 (one due; one in a removed repository, one in a suspended installation)
    await seedSurvey(db(), { ...app, id: 1, issue: 1, status: "to_ask", nextPollAt: PAST, reporterLogin: "alice-reporter" });
    await seedSurvey(db(), { ...app, id: 2, issue: 2, status: "to_ask", nextPollAt: FUTURE });
    await seedSurvey(db(), { ...app, id: 3, issue: 3, status: "asked", nextPollAt: PAST, reporterLogin: "bob-reporter" });
    await seedSurvey(db(), { installation: 100, repo: 701, id: 4, issue: 4, status: "asked", nextPollAt: LONG_AGO });
    await seedSurvey(db(), { installation: 300, repo: 702, id: 5, issue: 5, status: "asked", nextPollAt: LONG_AGO });
    // answered 2, expired 1, cancelled 1, failed 2, comment_deleted none
    await seedSurvey(db(), { ...app, id: 6, issue: 6, status: "answered" });
    await seedSurvey(db(), { ...app, id: 7, issue: 7, status: "answered" });
    await seedSurvey(db(), { ...app, id: 8, issue: 8, status: "expired" });
    await seedSurvey(db(), { ...app, id: 9, issue: 9, status: "cancelled" });
    await seedSurvey(db(), {
      ...app,
      id: 10,
      issue: 10,
      status: "failed",
      attempts: 8,
      lastError: "Server Error on secret-org/private-app",
    });
    await seedSurvey(db(), { installation: 300, repo: 702, id: 11, issue: 11, status: "failed", attempts: 8 });
    // summaries: pending 1, posted 2, failed 1, dry_run none
    await seedSummary(db(), { id: 1, installation: 100, target: 700, period: "2026-W45", status: "posted" });
    await seedSummary(db(), { id: 2, installation: 100, target: 700, period: "2026-W46", status: "posted" });
    await seedSummary(db(), { id: 3, installation: 100, target: 700, period: "2026-W47", status: "pending", runAt: PAST });
    await seedSummary(db(), { id: 4, installation: 300, target: 702, period: "2026-W47", status: "failed", attempts: 8 });
    // configuration checks: posted 2, failed 1, pending none
    await seedConfigCheck(db(), { id: 1, installation: 100, repo: 700, sha: "a".repeat(40), status: "posted" });
    await seedConfigCheck(db(), { id: 2, installation: 100, repo: 700, sha: "b".repeat(40), status: "posted" });
    await seedConfigCheck(db(), { id: 3, installation: 300, repo: 702, sha: "c".repeat(40), status: "failed", attempts: 8 });
    // redeliveries: 2 given up, 1 still being tried
    await seedRedelivery(db(), "guid-given-up-1", 9001, 3, "2026-11-22T10:00:00Z");
    await seedRedelivery(db(), "guid-given-up-2", 9002, 3, "2026-11-23T10:00:00Z");
    await seedRedelivery(db(), "guid-in-progress", 9003, 1, null);
  });

  it("answers /health 200 ok, and /ping still PONG", async () => {
    const { url } = await start(db());
    expect(await read(`${url}/health`)).toEqual({ status: 200, type: "application/json", body: '{"status":"ok","database":"up"}' });
    expect((await read(`${url}/ping`)).body).toBe("PONG");
  });

  it("answers /health and /metrics 503 while the database is not migrated yet (ready() false), though it answers", async () => {
    const { url } = await start(db(), { ready: () => false });
    expect(await read(`${url}/health`)).toEqual(down);
    expect((await read(`${url}/metrics`)).status).toBe(503);
  });

  it("exposes the seeded figures in Prometheus's text format, every status present", async () => {
    const { url } = await start(db());
    const before = Date.now();
    const metrics = await read(`${url}/metrics`);
    const after = Date.now();
    // due since PAST: the oldest pending ask, read and summary post that can be worked (the reads due since
    // LONG_AGO wait on a suspension or a removed repository); the seconds are counted when /metrics is read
    const dueSince = (kind: string) =>
      expect.stringMatching(new RegExp(`^satisfaction_bot_work_oldest_due_seconds\\{kind="${kind.replace(".", "\\.")}"\\} \\d+$`));
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4\b/);
    expect(families(metrics.body, TABLE_GAUGES)).toEqual([
      "# HELP satisfaction_bot_surveys Surveys by status.",
      "# TYPE satisfaction_bot_surveys gauge",
      'satisfaction_bot_surveys{status="to_ask"} 2',
      'satisfaction_bot_surveys{status="asked"} 3',
      'satisfaction_bot_surveys{status="answered"} 2',
      'satisfaction_bot_surveys{status="expired"} 1',
      'satisfaction_bot_surveys{status="comment_deleted"} 0',
      'satisfaction_bot_surveys{status="cancelled"} 1',
      'satisfaction_bot_surveys{status="failed"} 2',
      "# HELP satisfaction_bot_surveys_due Surveys to ask or to read whose time has come (the sweep's backlog; suspended installations and removed repositories left out).",
      "# TYPE satisfaction_bot_surveys_due gauge",
      "satisfaction_bot_surveys_due 2",
      "# HELP satisfaction_bot_summaries Summaries by status.",
      "# TYPE satisfaction_bot_summaries gauge",
      'satisfaction_bot_summaries{status="pending"} 1',
      'satisfaction_bot_summaries{status="posted"} 2',
      'satisfaction_bot_summaries{status="dry_run"} 0',
      'satisfaction_bot_summaries{status="failed"} 1',
      "# HELP satisfaction_bot_config_checks Configuration check runs of pushes that changed .github/satisfaction.yml, by status.",
      "# TYPE satisfaction_bot_config_checks gauge",
      'satisfaction_bot_config_checks{status="pending"} 0',
      'satisfaction_bot_config_checks{status="posted"} 2',
      'satisfaction_bot_config_checks{status="failed"} 1',
      "# HELP satisfaction_bot_deliveries_given_up Webhook deliveries the recovery job gave up redelivering (kept until they leave GitHub's redelivery window).",
      "# TYPE satisfaction_bot_deliveries_given_up gauge",
      "satisfaction_bot_deliveries_given_up 2",
      "# HELP satisfaction_bot_work The work queue (everything done after answering a webhook) by kind and state: pending (queued or waiting to retry) or failed (given up).",
      "# TYPE satisfaction_bot_work gauge",
      'satisfaction_bot_work{kind="survey.ask",state="pending"} 2',
      'satisfaction_bot_work{kind="survey.ask",state="failed"} 2',
      'satisfaction_bot_work{kind="survey.read",state="pending"} 3',
      'satisfaction_bot_work{kind="survey.read",state="failed"} 0',
      'satisfaction_bot_work{kind="summary.post",state="pending"} 1',
      'satisfaction_bot_work{kind="summary.post",state="failed"} 1',
      'satisfaction_bot_work{kind="config_check.post",state="pending"} 0',
      'satisfaction_bot_work{kind="config_check.post",state="failed"} 1',
      'satisfaction_bot_work{kind="privacy.confirm",state="pending"} 0',
      'satisfaction_bot_work{kind="privacy.confirm",state="failed"} 0',
      'satisfaction_bot_work{kind="sla.label",state="pending"} 0',
      'satisfaction_bot_work{kind="sla.label",state="failed"} 0',
      'satisfaction_bot_work{kind="chat.post",state="pending"} 0',
      'satisfaction_bot_work{kind="chat.post",state="failed"} 0',
      'satisfaction_bot_work{kind="follow_up.reply",state="pending"} 0',
      'satisfaction_bot_work{kind="follow_up.reply",state="failed"} 0',
      'satisfaction_bot_work{kind="backfill.installation",state="pending"} 0',
      'satisfaction_bot_work{kind="backfill.installation",state="failed"} 0',
      'satisfaction_bot_work{kind="answer.post",state="pending"} 0',
      'satisfaction_bot_work{kind="answer.post",state="failed"} 0',
      'satisfaction_bot_work{kind="answer.read",state="pending"} 0',
      'satisfaction_bot_work{kind="answer.read",state="failed"} 0',
      'satisfaction_bot_work{kind="knowledge.faq",state="pending"} 0',
      'satisfaction_bot_work{kind="knowledge.faq",state="failed"} 0',
      "# HELP satisfaction_bot_work_oldest_due_seconds How long the oldest pending work of each kind has been due (0 when none is due).",
      "# TYPE satisfaction_bot_work_oldest_due_seconds gauge",
      dueSince("survey.ask"),
      dueSince("survey.read"),
      dueSince("summary.post"),
      'satisfaction_bot_work_oldest_due_seconds{kind="config_check.post"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="privacy.confirm"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="sla.label"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="chat.post"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="follow_up.reply"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="backfill.installation"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="answer.post"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="answer.read"} 0',
      'satisfaction_bot_work_oldest_due_seconds{kind="knowledge.faq"} 0',
      "# HELP satisfaction_bot_installations Installations by state.",
      "# TYPE satisfaction_bot_installations gauge",
      'satisfaction_bot_installations{state="active"} 2',
      'satisfaction_bot_installations{state="suspended"} 1',
    ]);
    const ages = new Map(
      [...metrics.body.matchAll(/^satisfaction_bot_work_oldest_due_seconds\{kind="([a-z_.]+)"\} (\d+)$/gm)].map((match) => [
        match[1],
        Number(match[2]),
      ]),
    );
    const since = (instant: number) => (instant - Date.parse(PAST)) / 1000;
    for (const kind of ["summary.post", "survey.ask", "survey.read"]) {
      expect(ages.get(kind), kind).toBeGreaterThanOrEqual(Math.floor(since(before)) - 1);
      expect(ages.get(kind), kind).toBeLessThanOrEqual(Math.ceil(since(after)) + 1);
    }
  });

  it("names no account, repository, reporter or id anywhere in /metrics or /health", async () => {
    const { url } = await start(db());
    const metrics = (await read(`${url}/metrics`)).body;
    const text = `${metrics}\n${(await read(`${url}/health`)).body}`;
    for (const name of PRIVATE_NAMES) expect(text).not.toContain(name);
    const values = [...text.matchAll(/[{,][a-z_]+="([^"]*)"/g)].map((match) => match[1]);
    expect(values.filter((value) => /\b(100|200|300|700|701|702|9001|9002|9003)\b/.test(value ?? ""))).toEqual([]);
    // the app's own labels are a status, a state or a kind of work (bounded: the kinds the app registers)
    const own = metrics.split("\n").filter((line) => line.startsWith("satisfaction_bot_"));
    const labels = own.flatMap((line) => [...line.matchAll(/[{,]([a-z_]+)=/g)].map((match) => match[1]));
    expect(new Set(labels)).toEqual(new Set(["status", "state", "kind"]));
    const kinds = own.flatMap((line) => [...line.matchAll(/kind="([^"]*)"/g)].map((match) => match[1]));
    expect(kinds.filter((kind) => !WORK_KINDS.some((registered) => registered.name === kind))).toEqual([]);
  });

  it("requires METRICS_TOKEN as a bearer token when it is set", async () => {
    const { url } = await start(db(), { metricsToken: METRICS_TOKEN });
    const missing = await fetch(`${url}/metrics`);
    expect([missing.status, missing.headers.get("www-authenticate")]).toEqual([401, 'Bearer realm="metrics"']);
    expect(await missing.text()).not.toContain("satisfaction_bot");
    for (const authorization of [
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(1)}`,
      `Basic ${METRICS_TOKEN}`,
      METRICS_TOKEN,
      "Bearer ",
    ]) {
      expect((await read(`${url}/metrics`, { authorization })).status, authorization).toBe(401);
    }
    const allowed = await read(`${url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain('satisfaction_bot_surveys{status="failed"} 2');
    expect((await read(`${url}/health`)).status).toBe(200);
  });
});

describe("with PostgreSQL down", () => {
  it("answers /health and /metrics 503 when PostgreSQL refuses connections; the token is still checked first", async () => {
    const unreachable = openPostgres("postgres://postgres@127.0.0.1:1/none", 1);
    try {
      const { url } = await start(unreachable, { metricsToken: METRICS_TOKEN });
      expect(await read(`${url}/health`)).toEqual(down);
      expect((await read(`${url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(503);
      expect((await read(`${url}/metrics`)).status).toBe(401);
      expect((await read(`${url}/ping`)).body).toBe("PONG");
    } finally {
      await unreachable.close();
    }
  });

  it("counts a database that accepts the connection but never answers as down, after the timeout", async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const db = openPostgres(`postgres://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/none`, 1);
    try {
      expect(await checkHealth({ db, ready: () => true, log: pino({ level: "silent" }), timeoutMs: 200 })).toEqual({
        status: "unavailable",
        database: "down",
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await db.close().catch(() => {});
      silent.close();
    }
  });
});

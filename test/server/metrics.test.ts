import fs from "node:fs";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, mockToken, surveyCommentReply } from "../helpers/app.js";
import { backends, useDatabase } from "../helpers/db.js";
import { INSTALLATION_ID, issuesPayload, REPORTER } from "../helpers/fixtures.js";
import { postWebhook } from "../helpers/http.js";
import { METRICS_TOKEN, read, useOperationsServers, WEBHOOK_SECRET } from "../helpers/ops-server.js";

// /metrics after real traffic through the running server: webhooks by event and outcome with their
// acknowledgement time, GitHub's answers by outcome with the rate limit left, the process's metrics,
// the pool's use, and never an installation, a repository or a person in a label.
const start = useOperationsServers();
const operationsDoc = fs.readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");

/** The value of one series of a scrape (`name{labels}` exactly as written), undefined when it is absent. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every label value of a scrape. */
const labelValues = (body: string) => [...body.matchAll(/[{,][a-zA-Z_]+="([^"]*)"/g)].map((match) => match[1] ?? "");

describe.each(backends)("/metrics on $name", ({ name, create }) => {
  const { db } = useDatabase(create);

  it("counts a signed webhook by event and outcome with its acknowledgement time, and a forged one as refused before naming its event", async () => {
    const { url } = await start(db());
    const body = JSON.stringify(issuesPayload("opened"));
    expect((await postWebhook(`${url}/hooks`, WEBHOOK_SECRET, body)).status).toBe(200);
    const forged = await postWebhook(`${url}/hooks`, "guessed", body, { "x-github-event": "made_up_by_anyone" });
    expect(forged.status).toBe(400);

    const metrics = (await read(`${url}/metrics`)).body;
    expect(sample(metrics, 'satisfaction_bot_webhooks_received_total{event="issues",outcome="ok"}')).toBe(1);
    expect(sample(metrics, 'satisfaction_bot_webhooks_received_total{event="unverified",outcome="refused"}')).toBe(1);
    expect(metrics).not.toContain("made_up_by_anyone");
    expect(sample(metrics, 'satisfaction_bot_webhook_acknowledgement_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(metrics, 'satisfaction_bot_webhook_acknowledgement_seconds_count{outcome="refused"}')).toBe(1);
    expect(sample(metrics, 'satisfaction_bot_webhook_acknowledgement_seconds_sum{outcome="ok"}')).toBeGreaterThan(0);
    expect(sample(metrics, 'satisfaction_bot_webhook_acknowledgement_seconds_bucket{le="+Inf",outcome="ok"}')).toBe(1);
  });

  it("counts GitHub's answers to the installation and app clients by outcome, with the rate limit left from the latest answer", async () => {
    const { url, probot } = await start(db());
    mockToken();
    nock(API)
      .post("/repos/Codertocat/Hello-World/issues/1/comments")
      .reply(201, surveyCommentReply(900, "2026-11-03T10:00:06Z"), { "x-ratelimit-remaining": "4321", "x-ratelimit-resource": "core" });
    for (const action of ["opened", "closed"] as const) {
      expect((await postWebhook(`${url}/hooks`, WEBHOOK_SECRET, JSON.stringify(issuesPayload(action)))).status).toBe(200);
    }
    const app = await probot.auth();
    nock(API).get("/app").reply(401, { message: "Bad credentials" }, { "x-ratelimit-remaining": "59", "x-ratelimit-resource": "graphql" });
    nock(API).get("/app").reply(502, "Bad Gateway");
    nock(API).get("/app").replyWithError("connect ECONNREFUSED");
    for (let call = 0; call < 3; call++) await expect(app.request("GET /app")).rejects.toThrow();

    const metrics = (await read(`${url}/metrics`)).body;
    // the installation token and the survey's comment, then the app client's three failures
    expect(sample(metrics, 'satisfaction_bot_github_requests_total{outcome="2xx"}')).toBe(2);
    expect(sample(metrics, 'satisfaction_bot_github_requests_total{outcome="4xx"}')).toBe(1);
    expect(sample(metrics, 'satisfaction_bot_github_requests_total{outcome="5xx"}')).toBe(1);
    expect(sample(metrics, 'satisfaction_bot_github_requests_total{outcome="network"}')).toBe(1);
    expect(sample(metrics, 'satisfaction_bot_github_rate_limit_remaining{resource="core"}')).toBe(4321);
    expect(sample(metrics, 'satisfaction_bot_github_rate_limit_remaining{resource="graphql"}')).toBe(59);
  });

  it("names no installation, repository or person in any label value after that traffic", async () => {
    const { url } = await start(db());
    mockToken();
    nock(API).post("/repos/Codertocat/Hello-World/issues/1/comments").reply(201, surveyCommentReply(900, "2026-11-03T10:00:06Z"));
    const closed = issuesPayload("closed");
    for (const payload of [issuesPayload("opened"), closed]) {
      expect((await postWebhook(`${url}/hooks`, WEBHOOK_SECRET, JSON.stringify(payload))).status).toBe(200);
    }
    const repository = closed.repository as { id: number; name: string; full_name: string; owner: { login: string; id: number } };
    const sender = closed.sender as { login: string; id: number };
    const private_ = [repository.name, repository.full_name, repository.owner.login, sender.login, REPORTER.login];
    const ids = [INSTALLATION_ID, repository.id, repository.owner.id, sender.id, REPORTER.id].map(String);
    const values = labelValues((await read(`${url}/metrics`)).body);
    expect(values.length).toBeGreaterThan(50);
    expect(values.filter((value) => [...private_, ...ids].some((secret) => value.toLowerCase().includes(secret.toLowerCase())))).toEqual(
      [],
    );
  });

  it("documents every metric of its own in docs/operations.md", async () => {
    const { url } = await start(db());
    const names = [...(await read(`${url}/metrics`)).body.matchAll(/^# TYPE (satisfaction_bot_\w+) /gm)].map((match) => match[1] ?? "");
    expect(names.length).toBeGreaterThanOrEqual(name === "postgres" ? 16 : 12);
    expect(names.filter((metric) => !new RegExp(`\\| \`${metric}[{\`]`).test(operationsDoc))).toEqual([]);
  });

  it("exposes the process's metrics under prom-client's standard names", async () => {
    const { url } = await start(db());
    const metrics = (await read(`${url}/metrics`)).body;
    for (const metric of ["nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes", "process_cpu_seconds_total"]) {
      expect(sample(metrics, metric), metric).toBeGreaterThanOrEqual(0);
    }
    expect(metrics).toContain("# TYPE nodejs_gc_duration_seconds histogram");
  });

  it(`gives the connection pool's use ${name === "postgres" ? "from PostgreSQL's pool" : "not at all (one embedded connection)"}`, async () => {
    const { url } = await start(db(), { metricsToken: METRICS_TOKEN });
    expect((await read(`${url}/metrics`)).status).toBe(401);
    const metrics = (await read(`${url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).body;
    const pool = ["connections", "idle_connections", "waiting_requests", "max_connections"].map((gauge) =>
      sample(metrics, `satisfaction_bot_db_pool_${gauge}`),
    );
    if (name === "pglite") return void expect(pool).toEqual([undefined, undefined, undefined, undefined]);
    const [total = -1, idle = -1, waiting = -1, max = -1] = pool;
    expect(max).toBe(10);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(idle).toBeLessThanOrEqual(total);
    expect(total).toBeLessThanOrEqual(max);
    // this scrape's own query may be waiting for its connection as the pool is read
    expect(Number.isInteger(waiting) && waiting >= 0).toBe(true);
  });
});

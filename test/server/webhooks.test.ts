import type { AddressInfo } from "node:net";
import type http from "node:http";
import nock from "nock";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { openPostgres } from "../../src/db/postgres.js";
import type { Db } from "../../src/db/types.js";
import { satisfactionBot } from "../../src/index.js";
import { createInstruments } from "../../src/ops/instruments.js";
import { startServer } from "../../src/server.js";
import { createTestProbot, inlineWork } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { postWebhook, signature } from "../helpers/http.js";

// The HTTP boundary: every refused request is answered with a clear status and stores nothing.
const SECRET = "current-secret";
const PREVIOUS = "previous-secret";
const sign = (body: string, secret = SECRET) => signature(secret, body);
const log = pino({ level: "silent" });

async function serve(db: Db, ready = () => true): Promise<{ server: http.Server; url: string }> {
  const clock = () => new Date("2026-11-03T10:00:05Z");
  const deps = { db, clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db, clock) };
  const webhooks = { secrets: [SECRET, PREVIOUS], maxBytes: 64 * 1024, ready };
  const operations = { db, ready, metricsToken: undefined, instruments: createInstruments() };
  const server = await startServer(
    createTestProbot(),
    satisfactionBot(deps),
    { PORT: 0, HOST: "127.0.0.1", WEBHOOK_PATH: "/hooks", webhooks, operations },
    log,
  );
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function deliver(url: string, body: string, headers: Record<string, string> = {}) {
  return postWebhook(`${url}/hooks`, SECRET, body, headers);
}

describe("the webhook endpoint", () => {
  const { db } = useDatabase(createTestDatabase);
  let app: { server: http.Server; url: string };
  const stored = async () => (await db().query("SELECT count(*)::int AS n FROM deliveries")).rows[0];
  beforeAll(async () => {
    app = await serve(db());
  });
  afterAll(async () => {
    app.server.close();
  });

  it("accepts a delivery signed with the current secret, and with the previous one during a rotation", async () => {
    const body = JSON.stringify(issuesPayload("opened"));
    expect((await deliver(app.url, body)).status).toBe(200);
    expect((await deliver(app.url, body, { "x-hub-signature-256": sign(body, PREVIOUS) })).status).toBe(200);
    expect(await stored()).toEqual({ n: 2 });
  });

  it("refuses a forged or missing signature, missing headers, a wrong content type, malformed JSON and an oversized body", async () => {
    const body = JSON.stringify(issuesPayload("opened"));
    const refused = [
      [await deliver(app.url, body, { "x-hub-signature-256": sign(body, "guessed") }), 400],
      [await deliver(app.url, body, { "x-hub-signature-256": "" }), 400],
      [await deliver(app.url, body, { "x-github-delivery": "" }), 400],
      [await deliver(app.url, body, { "content-type": "text/plain" }), 415],
      [await deliver(app.url, "{not json", { "x-hub-signature-256": sign("{not json") }), 400],
      [await deliver(app.url, "x".repeat(70 * 1024), { "x-hub-signature-256": sign("x".repeat(70 * 1024)) }), 413],
    ] as const;
    expect(refused.map(([response]) => response.status)).toEqual(refused.map(([, status]) => status));
    expect(await (refused[0][0] as Response).text()).toMatch(/Signature does not match/);
    expect(await stored()).toEqual({ n: 0 });
  });

  it("answers 400 naming the field of a well-signed payload that lacks one, and stores nothing", async () => {
    const payload = issuesPayload("opened");
    delete (payload.issue as Record<string, unknown>).user;
    const response = await deliver(app.url, JSON.stringify(payload));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("issue.user");
    expect(await stored()).toEqual({ n: 0 });
  });

  it("answers 404 elsewhere and PONG on /ping", async () => {
    expect((await fetch(`${app.url}/elsewhere`)).status).toBe(404);
    expect(await (await fetch(`${app.url}/ping`)).text()).toBe("PONG");
  });
});

describe("with PostgreSQL down", () => {
  it("answers 503 to webhooks (so GitHub can redeliver), keeps answering /ping", async () => {
    const unreachable = openPostgres("postgres://postgres@127.0.0.1:1/none", 1);
    const app = await serve(unreachable);
    try {
      const response = await deliver(app.url, JSON.stringify(issuesPayload("opened")));
      expect(response.status).toBe(503);
      expect(await (await fetch(`${app.url}/ping`)).text()).toBe("PONG");
    } finally {
      app.server.close();
      await unreachable.close();
    }
  });

  it("answers 503 while the database is not ready at start, before touching it", async () => {
    const unreachable = openPostgres("postgres://postgres@127.0.0.1:1/none", 1);
    const app = await serve(unreachable, () => false);
    try {
      expect((await deliver(app.url, JSON.stringify(issuesPayload("opened")))).status).toBe(503);
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      app.server.close();
      await unreachable.close();
    }
  });
});

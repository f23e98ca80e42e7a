import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { openPostgres } from "../../src/db/postgres.js";
import type { Db } from "../../src/db/types.js";
import { satisfactionBot } from "../../src/index.js";
import { createInstruments } from "../../src/ops/instruments.js";
import { startServer } from "../../src/server.js";
import { createTestProbot, inlineWork } from "../helpers/app.js";
import type { TestDatabase } from "../helpers/db.js";
import { createTestDatabase } from "../helpers/db.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { postWebhook } from "../helpers/http.js";
import type { Proxy } from "./tcp-proxy.js";
import { startProxy } from "./tcp-proxy.js";

// PostgreSQL goes away in the middle of a stream of deliveries and comes back: deliveries are
// answered 2xx only once stored, the others 5xx (GitHub redelivers them), nothing acknowledged is
// lost, nothing is stored twice, and the process survives the broken connections.
const SECRET = "restart-secret";

describe("PostgreSQL restarted under load", () => {
  let store: TestDatabase;
  let proxy: Proxy;
  let db: Db;
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    store = await createTestDatabase();
    proxy = await startProxy({ host: "127.0.0.1", port: Number(new URL(store.url).port || 5432) });
    const through = new URL(store.url);
    through.port = String(proxy.port);
    db = openPostgres(through.toString(), 4);
    const clock = () => new Date("2026-11-03T10:00:05Z");
    const deps = { db, clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db, clock) };
    const webhooks = { secrets: [SECRET], maxBytes: 1 << 20, ready: () => true };
    const operations = { db, ready: () => true, metricsToken: undefined, instruments: createInstruments() };
    const settings = { PORT: 0, HOST: "127.0.0.1", WEBHOOK_PATH: "/hooks", webhooks, operations };
    server = await startServer(createTestProbot(), satisfactionBot(deps), settings, pino({ level: "silent" }));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    server.close();
    await db.close();
    await proxy.close();
    await store.drop();
  });

  const deliver = async (id: string, body: string) => (await postWebhook(url, SECRET, body, { "x-github-delivery": id })).status;

  it("loses no acknowledged delivery and stores none twice", async () => {
    const deliveries = Array.from({ length: 120 }, (_, n) => ({
      id: randomUUID(),
      body: JSON.stringify(issuesPayload("opened", { number: n + 1 })),
    }));
    const statuses = new Map<string, number>();
    let sent = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (sent < deliveries.length) {
          const delivery = deliveries[sent++]!;
          if (sent === 40) await proxy.down();
          if (sent === 80) await proxy.up();
          statuses.set(delivery.id, await deliver(delivery.id, delivery.body));
        }
      }),
    );
    const refused = deliveries.filter((delivery) => statuses.get(delivery.id) !== 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((delivery) => [500, 503].includes(statuses.get(delivery.id) ?? 0))).toBe(true);
    // GitHub's redelivery of the refused ones, and a duplicate of every acknowledged one.
    for (const delivery of deliveries) expect(await deliver(delivery.id, delivery.body)).toBe(200);

    const { rows } = await store.db.query<{ id: string }>("SELECT id FROM deliveries");
    expect(rows.map((row) => row.id).sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
    expect((await store.db.query("SELECT count(*)::int AS n FROM issues")).rows).toEqual([{ n: 120 }]);
  });
});

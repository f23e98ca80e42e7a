import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../helpers/db.js";
import type { BuiltApp } from "../helpers/built-app.js";
import { startBuiltApp } from "../helpers/built-app.js";
import { createTestDatabase } from "../helpers/db.js";
import { issuesPayload } from "../helpers/fixtures.js";
import { postWebhook, until } from "../helpers/http.js";
import type { Proxy } from "./tcp-proxy.js";
import { startProxy } from "./tcp-proxy.js";

// The app started while PostgreSQL is down: it serves /ping, answers webhooks 503 (GitHub marks
// them failed, to be redelivered), and recovers by itself once the database is back.
const SECRET = "fault-test-webhook-secret";

describe("PostgreSQL down as the app starts", () => {
  let store: TestDatabase;
  let proxy: Proxy;
  let app: BuiltApp;
  beforeAll(async () => {
    store = await createTestDatabase();
    await store.db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    proxy = await startProxy({ host: "127.0.0.1", port: Number(new URL(store.url).port || 5432) });
    await proxy.down();
    const url = new URL(store.url);
    url.port = String(proxy.port);
    app = await startBuiltApp(SECRET, { DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    app?.child.kill("SIGTERM");
    await proxy?.close();
    await store?.drop();
  });

  const deliver = () => postWebhook(`${app.base}/api/github/webhooks`, SECRET, JSON.stringify(issuesPayload("opened")));

  it("answers 503 and PONG while the database is down, then 200 once it is back", async () => {
    expect((await deliver()).status).toBe(503);
    expect(await (await fetch(`${app.base}/ping`)).text()).toBe("PONG");
    await proxy.up();
    expect(await until(async () => (await deliver()).status === 200, 20_000)).toBe(true);
    // Only the delivery answered 200 was stored; those answered 503 left nothing behind.
    const { rows } = await store.db.query("SELECT count(*)::int AS n FROM deliveries");
    expect(rows).toEqual([{ n: 1 }]);
  });
});

import type http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { satisfactionBot } from "../../src/index.js";
import { createInstruments } from "../../src/ops/instruments.js";
import { startServer } from "../../src/server.js";
import { createTestProbot, inlineWork } from "../helpers/app.js";
import { createTestDatabase, useDatabase } from "../helpers/db.js";
import { examples, issuesPayload } from "../helpers/fixtures.js";
import { postWebhook } from "../helpers/http.js";
import { countRows, NO_ROWS } from "./support.js";

// Well-signed payloads that are malformed where Probot reads them before any handler runs (the
// installation it authenticates from, the payload's very shape): answered 400 and logged at warn,
// never 500 (GitHub and the recovery job would send them again), and nothing stored.
const SECRET = "envelope-secret";
const EVENTS = ["issues", "issue_comment", "installation", "installation_repositories", "push"];
const BAD_INSTALLATIONS = ["x", { id: "7" }, [], null, { id: null }, {}, 7, { id: {} }, { id: -1 }];

type Sent = { event: string; body: string; label: string };

function withInstallation(event: string, payload: Record<string, unknown>, installation: unknown): Sent {
  const label = `${event}.${String(payload.action ?? "")} with installation ${JSON.stringify(installation)}`;
  return { event, body: JSON.stringify({ ...payload, installation }), label };
}

const badInstallations: Sent[] = EVENTS.flatMap((event) =>
  examples(event).flatMap((payload) => BAD_INSTALLATIONS.map((installation) => withInstallation(event, payload, installation))),
);
const badShapes: Sent[] = [
  ...["null", "[]", '"x"', "42"].map((body) => ({ event: "issues", body, label: `a payload that is ${body}` })),
  { event: "issues", body: JSON.stringify({ ...issuesPayload("opened"), action: 5 }), label: "an action that is a number" },
];

describe("a well-signed payload malformed before any handler runs", () => {
  const lines: string[] = [];
  const log = pino({ level: "info" }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
  const store = useDatabase(createTestDatabase);
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const db = store.db();
    const clock = () => new Date("2026-11-03T10:00:05Z");
    const deps = { db, clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db, clock) };
    const settings = {
      PORT: 0,
      HOST: "127.0.0.1",
      WEBHOOK_PATH: "/hooks",
      webhooks: { secrets: [SECRET], maxBytes: 1024 * 1024, ready: () => true },
      operations: { db, ready: () => true, metricsToken: undefined, instruments: createInstruments() },
    };
    server = await startServer(createTestProbot(), satisfactionBot(deps), settings, log);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    server.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  const deliver = async ({ event, body }: Sent) => (await postWebhook(url, SECRET, body, { "x-github-event": event })).status;
  const logged = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string });

  it("builds a case of each event the app handles from GitHub's examples", () => {
    expect(new Set(badInstallations.map((sent) => sent.event))).toEqual(new Set(EVENTS));
    expect(badInstallations.length).toBeGreaterThanOrEqual(EVENTS.length * BAD_INSTALLATIONS.length);
  });

  it.each([
    ["a malformed installation", badInstallations],
    ["a payload that is no object, or an action that is no string", badShapes],
  ])("answers 400 to %s, logs it at warn, and stores nothing", async (_case, sent) => {
    const statuses = [];
    for (const delivery of sent) statuses.push({ label: delivery.label, status: await deliver(delivery) });

    expect(statuses.filter(({ status }) => status !== 400)).toEqual([]);
    expect(await countRows(store.db())).toEqual(NO_ROWS);
    const refused = logged().filter((line) => line.msg === "webhook refused: malformed payload");
    expect(refused).toHaveLength(sent.length);
    expect(new Set(refused.map((line) => line.level))).toEqual(new Set([40]));
    expect(logged().filter((line) => line.level >= 50)).toEqual([]);
  });

  it("logs at warn, not error, a payload a handler finds malformed", async () => {
    const payload = issuesPayload("opened");
    delete (payload.issue as Record<string, unknown>).user;

    expect(await deliver({ event: "issues", body: JSON.stringify(payload), label: "" })).toBe(400);

    expect(logged().map(({ level, msg }) => ({ level, msg }))).toEqual([{ level: 40, msg: "webhook refused: malformed payload" }]);
  });
});

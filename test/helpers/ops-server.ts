import type http from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import type { Logger } from "pino";
import type { Probot } from "probot";
import { afterAll } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import type { Db } from "../../src/db/types.js";
import { createProbot } from "../../src/github/probot.js";
import { satisfactionBot } from "../../src/index.js";
import type { Instruments } from "../../src/ops/instruments.js";
import { createInstruments } from "../../src/ops/instruments.js";
import type { ApiOptions } from "../../src/server.js";
import { startServer } from "../../src/server.js";
import { inlineWork, privateKey, TestOctokit } from "./app.js";

/** The app's HTTP server on `db` for the operations endpoints, on a free port of loopback. */

export const METRICS_TOKEN = "metrics-token-0123456789";
export const WEBHOOK_SECRET = "secret";
export const DOWN_BODY = '{"status":"unavailable","database":"down"}';
const log = pino({ level: "silent" });

/** `clock`: the app's and the API's (fixed by default); `api`: the feedback API's settings (the rate limit). */
export type OperationsOptions = { ready?: () => boolean; metricsToken?: string; clock?: () => Date; api?: ApiOptions; log?: Logger };
/** A running server: its base URL, the instruments its /metrics exposes, and its Probot (made as main.ts makes it). */
export type OperationsServer = { url: string; instruments: Instruments; probot: Probot };

/** For a whole test file: `start(db)` serves the app; every server is closed after the file. */
export function useOperationsServers(): (db: Db, options?: OperationsOptions) => Promise<OperationsServer> {
  const servers: http.Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));
  return async (db, options = {}) => {
    const ready = options.ready ?? (() => true);
    const clock = options.clock ?? (() => new Date("2026-11-03T10:00:05Z"));
    const deps = { db, clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db, clock) };
    const instruments = createInstruments();
    const github = { APP_ID: "1", privateKey, WEBHOOK_SECRET, baseUrl: undefined };
    const probot = createProbot(github, log, { instruments, Octokit: TestOctokit });
    const webhooks = { secrets: [WEBHOOK_SECRET], maxBytes: 64 * 1024, ready };
    const operations = { db, ready, metricsToken: options.metricsToken, clock, instruments };
    const settings = { PORT: 0, HOST: "127.0.0.1", WEBHOOK_PATH: "/hooks", webhooks, operations, api: { ...options.api } };
    const server = await startServer(probot, satisfactionBot(deps), settings, options.log ?? log);
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, instruments, probot };
  };
}

/** A GET's status, content type and body. */
export async function read(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

/** The lines of a scrape that belong to the named metrics (their HELP, TYPE and samples), in the order given. */
export function families(body: string, names: readonly string[]): string[] {
  const lines = body.split("\n");
  const nameOf = (line: string) => (line.startsWith("# ") ? line.split(" ")[2] : line.split(/[{ ]/)[0]);
  return names.flatMap((name) => lines.filter((line) => nameOf(line) === name));
}

import type http from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import type { Logger } from "pino";
import { afterAll } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import type { Db } from "../../src/db/types.js";
import { satisfactionBot } from "../../src/index.js";
import type { ApiOptions } from "../../src/server.js";
import { startServer } from "../../src/server.js";
import { createTestProbot, inlineWork } from "./app.js";

/** The app's HTTP server on `db` for the operations endpoints, on a free port of loopback. */

export const METRICS_TOKEN = "metrics-token-0123456789";
export const DOWN_BODY = '{"status":"unavailable","database":"down"}';
const log = pino({ level: "silent" });

/** `clock`: the app's and the API's (fixed by default); `api`: the feedback API's settings (the rate limit). */
export type OperationsOptions = { ready?: () => boolean; metricsToken?: string; clock?: () => Date; api?: ApiOptions; log?: Logger };

/** For a whole test file: `start(db)` serves the app and gives its base URL; every server is closed after the file. */
export function useOperationsServers(): (db: Db, options?: OperationsOptions) => Promise<string> {
  const servers: http.Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));
  return async (db, options = {}) => {
    const ready = options.ready ?? (() => true);
    const clock = options.clock ?? (() => new Date("2026-11-03T10:00:05Z"));
    const deps = { db, clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db, clock) };
    const webhooks = { secrets: ["secret"], maxBytes: 64 * 1024, ready };
    const operations = { db, ready, metricsToken: options.metricsToken, clock };
    const api = { ...options.api };
    const settings = { PORT: 0, HOST: "127.0.0.1", WEBHOOK_PATH: "/hooks", webhooks, operations, api };
    const server = await startServer(createTestProbot(), satisfactionBot(deps), settings, options.log ?? log);
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
}

/** A GET's status, content type and body. */
export async function read(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

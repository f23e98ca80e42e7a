import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Queryable } from "../db/types.js";
import { pingDatabase } from "../queries/work-status.js";

export type Health = { status: "ok"; database: "up" } | { status: "unavailable"; database: "down" };

export type HealthDeps = {
  db: Queryable;
  /** False until the database is migrated (down at start): unhealthy without asking it. */
  ready: () => boolean;
  log: Logger;
  /** How long `SELECT 1` may take before the database counts as down. */
  timeoutMs?: number;
};

const UP: Health = { status: "ok", database: "up" };
const DOWN: Health = { status: "unavailable", database: "down" };
export const HEALTH_TIMEOUT_MS = 3_000;

class PingTimeoutError extends Error {
  override name = "PingTimeoutError";
}

async function pingWithin(db: Queryable, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeoutError(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([pingDatabase(db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Up when the database is migrated and answers `SELECT 1` in time; never throws. */
export async function checkHealth(deps: HealthDeps): Promise<Health> {
  if (!deps.ready()) return DOWN;
  try {
    await pingWithin(deps.db, deps.timeoutMs ?? HEALTH_TIMEOUT_MS);
    return UP;
  } catch (error) {
    deps.log.warn({ err: error }, "health check: database unreachable");
    return DOWN;
  }
}

/**
 * `GET /health` (readiness): 200 `{"status":"ok","database":"up"}`, or 503
 * `{"status":"unavailable","database":"down"}`. `/ping` stays the liveness check that never asks the database.
 */
export function healthHandler(deps: HealthDeps) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const health = await checkHealth(deps);
    res
      .writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
      .end(JSON.stringify(health));
  };
}

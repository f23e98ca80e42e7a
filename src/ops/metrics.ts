import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { workCounts } from "../queries/work-status.js";
import { WORK_KINDS } from "../work/registry.js";
import { registerDatabaseGauges } from "./database-gauges.js";
import type { Instruments } from "./instruments.js";

export type MetricsDeps = {
  db: Db;
  /** The server's registry: the database's gauges are added to it here. */
  instruments: Instruments;
  /** False until the database is migrated: answered 503 without asking it. */
  ready: () => boolean;
  /** METRICS_TOKEN: when set, a request must carry `Authorization: Bearer <token>`. */
  token: string | undefined;
  log: Logger;
};

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** The token of an `Authorization: Bearer <token>` header, or null without one. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer +(\S+) *$/i.exec(header ?? "")?.[1] ?? null;
}

/**
 * Whether an Authorization header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the header's length or how much of it matches.
 */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const sent = bearerToken(header);
  const same = timingSafeEqual(digest(sent ?? ""), digest(token));
  return sent !== null && same;
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain", "cache-control": "no-store", ...headers }).end(`${message}\n`);
}

/**
 * `GET /metrics`: the registry's app-wide metrics in Prometheus's text format, the database's read at
 * each scrape. 401 without the token when METRICS_TOKEN is set; 503 while the database is down or not migrated yet.
 */
export function metricsHandler(deps: MetricsDeps) {
  const { registry } = deps.instruments;
  registerDatabaseGauges(registry, {
    counts: () => workCounts(deps.db),
    kinds: WORK_KINDS.map((kind) => kind.name),
    pool: deps.db.poolUse,
  });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (deps.token !== undefined && !hasBearerToken(req.headers.authorization, deps.token)) {
      deps.log.warn(
        { path: "/metrics", withAuthorization: req.headers.authorization !== undefined },
        "metrics request refused: wrong or missing token",
      );
      return reply(res, 401, "Unauthorized", { "www-authenticate": 'Bearer realm="metrics"' });
    }
    if (!deps.ready()) return reply(res, 503, "Database unavailable");
    let body: string;
    try {
      body = await registry.metrics();
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      deps.log[unavailable ? "warn" : "error"]({ err: error }, "metrics could not be read");
      return reply(res, unavailable ? 503 : 500, unavailable ? "Database unavailable" : "Metrics failed");
    }
    res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(body);
  };
}

import http from "node:http";
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { ApiDeps } from "./api/api-route.js";
import { RATE_WINDOW_MS } from "./api/rate-limit.js";
import { apiRoutes } from "./api/routes.js";
import { BADGE_PATH, badgeHandler } from "./badge/badge-handler.js";
import type { Db } from "./db/types.js";
import { DEFAULT_API_RATE_LIMIT, DEFAULT_RETENTION_DAYS } from "./env.js";
import { healthHandler } from "./ops/health.js";
import type { Instruments } from "./ops/instruments.js";
import { metricsHandler } from "./ops/metrics.js";
import type { WebhookSettings } from "./webhooks/receive.js";
import { receiveWebhooks } from "./webhooks/receive.js";

export type ServerSettings = { PORT: number; HOST?: string | undefined; WEBHOOK_PATH: string };

/**
 * What `/health`, `/metrics` and the badges read: the database, whether it is migrated yet,
 * METRICS_TOKEN, the instruments /metrics exposes (the same the webhook receiver and the Probot's
 * Octokits count into), and the clock.
 */
export type OperationsSettings = {
  db: Db;
  ready: () => boolean;
  metricsToken: string | undefined;
  instruments: Instruments;
  clock?: () => Date;
};

/** The feedback API's settings (API_RATE_LIMIT, RETENTION_DAYS, the clock); the environment's defaults when left out. */
export type ApiOptions = Partial<Pick<ApiDeps, "clock" | "retentionDays" | "maxBodyBytes">> & { requestsPerMinute?: number };

// A desk's feedback is a few hundred bytes; the largest allowed (2,000-character comment, 2,048-character URL) is under 16 KiB.
const MAX_API_BODY_BYTES = 16 * 1024;

function apiDeps(operations: OperationsSettings, options: ApiOptions, log: Logger): ApiDeps {
  return {
    db: operations.db,
    ready: operations.ready,
    log,
    clock: options.clock ?? operations.clock ?? (() => new Date()),
    rateLimit: { requests: options.requestsPerMinute ?? DEFAULT_API_RATE_LIMIT, windowMs: RATE_WINDOW_MS },
    retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
    maxBodyBytes: options.maxBodyBytes ?? MAX_API_BODY_BYTES,
  };
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * The HTTP server: GitHub's webhooks on WEBHOOK_PATH, `GET /ping` for liveness (answered even while
 * the database is down), `GET /health` for readiness (the database answers), `GET /metrics`
 * (Prometheus, app-wide labels only), the feedback API under `/api/` (docs/openapi.yaml),
 * `GET /badge/<owner>/<repo>.svg` (a public repository's satisfaction), and a plain page at `/`.
 */
export async function startServer(
  probot: Probot,
  appFn: (app: Probot) => void,
  settings: ServerSettings & { webhooks: WebhookSettings; operations: OperationsSettings; api?: ApiOptions },
  log: Logger,
): Promise<http.Server> {
  await probot.load(appFn);
  const { db, ready, metricsToken, instruments } = settings.operations;
  const routes = new Map<string, Handler>([
    [`POST ${settings.WEBHOOK_PATH}`, receiveWebhooks(probot, { ...settings.webhooks, instruments }, log)],
    ["GET /health", healthHandler({ db, ready, log })],
    ["GET /metrics", metricsHandler({ db, instruments, ready, token: metricsToken, log })],
    ...apiRoutes(apiDeps(settings.operations, settings.api ?? {}, log)),
  ]);
  const badge = badgeHandler({ db, clock: settings.operations.clock ?? (() => new Date()), log });
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
    if (req.method === "GET" && path === "/") {
      return void res.writeHead(200, { "content-type": "text/plain" }).end("satisfaction-bot is running\n");
    }
    const isBadge = req.method === "GET" && BADGE_PATH.test(path ?? "");
    const handler = isBadge ? badge : routes.get(`${req.method ?? ""} ${path ?? ""}`);
    if (handler) {
      return void handler(req, res).catch((error: unknown) => {
        log.error({ err: error, path }, "request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
  });
  const host = settings.HOST ?? "localhost";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.PORT, host, () => resolve());
  });
  const address = server.address();
  log.info({ host, port: typeof address === "object" && address ? address.port : settings.PORT }, "listening");
  return server;
}

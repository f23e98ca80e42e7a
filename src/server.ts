import http from "node:http";
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { Queryable } from "./db/types.js";
import { BADGE_PATH, badgeHandler } from "./badge/badge-handler.js";
import { healthHandler } from "./ops/health.js";
import { metricsHandler } from "./ops/metrics.js";
import type { WebhookSettings } from "./webhooks/receive.js";
import { receiveWebhooks } from "./webhooks/receive.js";

export type ServerSettings = { PORT: number; HOST?: string | undefined; WEBHOOK_PATH: string };

/** What `/health`, `/metrics` and the badges read: the database, whether it is migrated yet, METRICS_TOKEN, the clock. */
export type OperationsSettings = { db: Queryable; ready: () => boolean; metricsToken: string | undefined; clock?: () => Date };

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * The HTTP server: GitHub's webhooks on WEBHOOK_PATH, `GET /ping` for liveness (answered even while
 * the database is down), `GET /health` for readiness (the database answers), `GET /metrics`
 * (Prometheus, app-wide counts only), `GET /badge/<owner>/<repo>.svg` (a public repository's
 * satisfaction), and a plain page at `/`.
 */
export async function startServer(
  probot: Probot,
  appFn: (app: Probot) => void,
  settings: ServerSettings & { webhooks: WebhookSettings; operations: OperationsSettings },
  log: Logger,
): Promise<http.Server> {
  await probot.load(appFn);
  const { db, ready, metricsToken } = settings.operations;
  const routes = new Map<string, Handler>([
    [`POST ${settings.WEBHOOK_PATH}`, receiveWebhooks(probot, settings.webhooks, log)],
    ["GET /health", healthHandler({ db, ready, log })],
    ["GET /metrics", metricsHandler({ db, ready, token: metricsToken, log })],
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

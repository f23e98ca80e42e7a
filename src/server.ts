import http from "node:http";
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { Db } from "./db/types.js";
import { healthHandler } from "./ops/health.js";
import type { Instruments } from "./ops/instruments.js";
import { metricsHandler } from "./ops/metrics.js";
import type { WebhookSettings } from "./webhooks/receive.js";
import { receiveWebhooks } from "./webhooks/receive.js";

export type ServerSettings = { PORT: number; HOST?: string | undefined; WEBHOOK_PATH: string };

/**
 * What `/health` and `/metrics` read: the database, whether it is migrated yet, METRICS_TOKEN, and the
 * instruments /metrics exposes (the same the webhook receiver and the Probot's Octokits count into).
 */
export type OperationsSettings = { db: Db; ready: () => boolean; metricsToken: string | undefined; instruments: Instruments };

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * The HTTP server: GitHub's webhooks on WEBHOOK_PATH, `GET /ping` for liveness (answered even while
 * the database is down), `GET /health` for readiness (the database answers), `GET /metrics`
 * (Prometheus, app-wide labels only), and a plain page at `/`.
 */
export async function startServer(
  probot: Probot,
  appFn: (app: Probot) => void,
  settings: ServerSettings & { webhooks: WebhookSettings; operations: OperationsSettings },
  log: Logger,
): Promise<http.Server> {
  await probot.load(appFn);
  const { db, ready, metricsToken, instruments } = settings.operations;
  const routes = new Map<string, Handler>([
    [`POST ${settings.WEBHOOK_PATH}`, receiveWebhooks(probot, { ...settings.webhooks, instruments }, log)],
    ["GET /health", healthHandler({ db, ready, log })],
    ["GET /metrics", metricsHandler({ db, instruments, ready, token: metricsToken, log })],
  ]);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
    if (req.method === "GET" && path === "/") {
      return void res.writeHead(200, { "content-type": "text/plain" }).end("satisfaction-bot is running\n");
    }
    const handler = routes.get(`${req.method ?? ""} ${path ?? ""}`);
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

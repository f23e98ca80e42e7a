import http from "node:http";
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { WebhookSettings } from "./webhooks/receive.js";
import { receiveWebhooks } from "./webhooks/receive.js";

export type ServerSettings = { PORT: number; HOST?: string | undefined; WEBHOOK_PATH: string };

/**
 * The HTTP server: GitHub's webhooks on WEBHOOK_PATH, `GET /ping` for liveness (answered even while
 * the database is down), and a plain page at `/`.
 */
export async function startServer(
  probot: Probot,
  appFn: (app: Probot) => void,
  settings: ServerSettings & { webhooks: WebhookSettings },
  log: Logger,
): Promise<http.Server> {
  await probot.load(appFn);
  const webhooks = receiveWebhooks(probot, settings.webhooks, log);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
    if (req.method === "GET" && path === "/") {
      return void res.writeHead(200, { "content-type": "text/plain" }).end("satisfaction-bot is running\n");
    }
    if (req.method === "POST" && path === settings.WEBHOOK_PATH) {
      return void webhooks(req, res).catch((error: unknown) => {
        log.error({ err: error }, "webhook request failed");
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

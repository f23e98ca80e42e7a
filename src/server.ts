import http from "node:http";
import type { Logger } from "pino";
import type { Probot } from "probot";
import { createNodeMiddleware } from "probot";

export type ServerSettings = { PORT: number; HOST?: string | undefined; WEBHOOK_PATH: string };

/**
 * The HTTP server: GitHub's webhooks (signature checked by Probot) on WEBHOOK_PATH, `GET /ping`
 * for liveness, and a plain page at `/`.
 */
export async function startServer(
  probot: Probot,
  appFn: (app: Probot) => void,
  settings: ServerSettings,
  log: Logger,
): Promise<http.Server> {
  const webhooks = await createNodeMiddleware(appFn, { probot, webhooksPath: settings.WEBHOOK_PATH });
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
    if (req.method === "GET" && path === "/") {
      return void res.writeHead(200, { "content-type": "text/plain" }).end("satisfaction-bot is running\n");
    }
    void webhooks(req, res, () => res.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n"));
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

import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerGraphql } from "./graphql.js";
import type { GraphqlBody } from "./graphql.js";
import type { Reply } from "./rest-reply.js";
import { answerRest } from "./rest.js";
import type { GitHubState } from "./state.js";

export type StandInServer = { host: string; close(): Promise<void> };

function parseBody(raw: string): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function answer(state: GitHubState, req: http.IncomingMessage, raw: string): Reply {
  const url = new URL(req.url ?? "/", "http://stand-in");
  const body = parseBody(raw);
  state.requests.push({ method: req.method ?? "GET", path: url.pathname.replace(/^\/api\/v3/, ""), query: url.search });
  // GitHub Enterprise Server's GraphQL endpoint is /api/graphql beside the REST API's /api/v3.
  if (req.method === "POST" && url.pathname === "/api/graphql") return { status: 200, body: answerGraphql(state, body as GraphqlBody) };
  const path = url.pathname.replace(/^\/api\/v3/, "");
  return answerRest(state, { method: req.method ?? "GET", path, query: url.searchParams, body, accept: String(req.headers.accept ?? "") });
}

/**
 * The demo's GitHub on a loopback port, reached by the app as a GitHub Enterprise Server
 * (GHE_HOST=127.0.0.1:port, GHE_PROTOCOL=http): nothing leaves the machine.
 */
export async function startStandIn(state: GitHubState): Promise<StandInServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = answer(state, req, Buffer.concat(chunks).toString("utf8"));
      const send = () =>
        reply.raw
          ? res.writeHead(reply.status, { "content-type": "text/plain; charset=utf-8" }).end(String(reply.body))
          : res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(reply.body));
      if (reply.hold === "forever") return;
      if (reply.hold) return void setTimeout(send, reply.hold);
      send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

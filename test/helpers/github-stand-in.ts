import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the GitHub REST API, reached by the app as GitHub Enterprise Server
 * (GHE_HOST=127.0.0.1:port, GHE_PROTOCOL=http), for tests that run the app as its own process
 * where nock cannot reach. It knows the few routes the app calls.
 */
export type StandInComment = { id: number; repo: string; issue: number; body: string; created_at: string };
export type StandInReaction = { content: string; user: { id: number; login: string; type: string }; created_at: string };

export type GitHubStandIn = {
  host: string;
  requests: { method: string; path: string }[];
  comments: StandInComment[];
  reactions: Map<number, StandInReaction[]>;
  /** When set, a comment POST creates the comment but is never answered (a crash or a lost answer). */
  hangCommentPosts: boolean;
  /** When above 0, a comment POST creates the comment and answers only after this many ms (a slow GitHub). */
  commentReplyDelayMs: number;
  close(): Promise<void>;
};

const routes: [string, RegExp][] = [
  ["token", /^POST \/api\/v3\/app\/installations\/(\d+)\/access_tokens$/],
  ["comment", /^POST \/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/],
  ["comments", /^GET \/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/],
  ["reactions", /^GET \/api\/v3\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)\/reactions$/],
];

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  let nextId = 5_000_000;
  const state = {
    requests: [] as GitHubStandIn["requests"],
    comments: [] as StandInComment[],
    reactions: new Map(),
    hangCommentPosts: false,
    commentReplyDelayMs: 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://stand-in").pathname;
      state.requests.push({ method: req.method ?? "", path });
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      const match = routes.map(([name, pattern]) => [name, pattern.exec(`${req.method} ${path}`)] as const).find(([, m]) => m);
      if (!match || !match[1]) return reply(404, { message: "Not Found" });
      const [name, m] = match;
      if (name === "token") return reply(201, { token: "ghs_stand_in", expires_at: "2099-01-01T00:00:00Z" });
      if (name === "comment") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { body?: string };
        const comment = {
          id: nextId++,
          repo: m[1] ?? "",
          issue: Number(m[2]),
          body: body.body ?? "",
          created_at: new Date().toISOString(),
        };
        state.comments.push(comment);
        if (state.hangCommentPosts) return;
        const created = () => reply(201, { ...comment, user: { login: "satisfaction-bot[bot]", id: 1, type: "Bot" } });
        if (state.commentReplyDelayMs > 0) return void setTimeout(created, state.commentReplyDelayMs);
        return created();
      }
      if (name === "comments")
        return reply(
          200,
          state.comments.filter((c) => c.repo === m[1] && c.issue === Number(m[2])),
        );
      const commentId = Number(m[1]);
      if (!state.comments.some((c) => c.id === commentId)) return reply(404, { message: "Not Found" });
      return reply(200, state.reactions.get(commentId) ?? []);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    host: `127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

import type { Reply, Request, Route } from "./rest-reply.js";
import { notFound, ok, REPO } from "./rest-reply.js";
import { issueRoutes } from "./rest-issues.js";
import { repositoryJson } from "./shapes.js";
import type { GitHubState } from "./state.js";

function readFile(state: GitHubState, path: string, accept: string): Reply {
  const text = state.files.get(decodeURIComponent(path));
  if (text === undefined) return notFound;
  if (accept.includes("raw")) return { status: 200, body: text, raw: true };
  return ok({ type: "file", encoding: "base64", path, content: Buffer.from(text).toString("base64"), sha: "f".repeat(40) });
}

/** The app, repository, contents and check-run routes the app calls; the issue routes are in rest-issues.ts. */
const repositoryRoutes: Route[] = [
  ["POST", /^\/app\/installations\/(\d+)\/access_tokens$/, () => ok({ token: "ghs_demo", expires_at: "2099-01-01T00:00:00Z" }, 201)],
  ["GET", /^\/app\/hook\/deliveries$/, () => ok([])],
  ["GET", new RegExp(`^${REPO}$`), (state) => ok(repositoryJson(state))],
  ["GET", new RegExp(`^${REPO}/contents/(.+)$`), (state, m, request) => readFile(state, m[1] ?? "", request.accept)],
  ["GET", new RegExp(`^${REPO}/branches/([^/]+)$`), (state, m) => ok({ name: m[1], commit: { sha: state.repository.headSha } })],
  [
    "GET",
    new RegExp(`^${REPO}/commits/([^/]+)/check-runs$`),
    (state) => ok({ total_count: state.checkRuns.length, check_runs: state.checkRuns }),
  ],
  [
    "POST",
    new RegExp(`^${REPO}/check-runs$`),
    (state, _m, { body }) => {
      const output = (body.output ?? {}) as { title?: string };
      const run = {
        id: state.nextId(),
        name: String(body.name),
        head_sha: String(body.head_sha),
        conclusion: String(body.conclusion),
        external_id: String(body.external_id ?? ""),
        title: String(output.title ?? ""),
      };
      state.checkRuns.push(run);
      state.activity.push(`check run "${run.name}": ${run.conclusion}, ${run.title}`);
      return ok(run, 201);
    },
  ],
];

export function answerRest(state: GitHubState, request: Request): Reply {
  for (const [method, pattern, answer] of [...repositoryRoutes, ...issueRoutes]) {
    const match = request.method === method ? pattern.exec(request.path) : null;
    if (match) return answer(state, [...match], request);
  }
  state.unknownRoutes.push(`${request.method} ${request.path}`);
  return notFound;
}

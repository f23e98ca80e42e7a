/** The stand-in's REST plumbing: a request as its routes read it, their reply, a route. */
import type { GitHubState } from "./state.js";

export type Request = { method: string; path: string; query: URLSearchParams; body: Record<string, unknown>; accept: string };
/** `raw`: the body is text; `hold`: answer after this many ms, or never (a fault a test set). */
export type Reply = { status: number; body: unknown; raw?: boolean; hold?: number | "forever" };
export type Route = [method: string, pattern: RegExp, answer: (state: GitHubState, match: string[], request: Request) => Reply];

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const notFound: Reply = { status: 404, body: { message: "Not Found" } };
/** A repository's path: the stand-in holds one repository, whatever the route names. */
export const REPO = "/repos/[^/]+/[^/]+";

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Queryable } from "../db/types.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import type { RateLimit } from "./rate-limit.js";
import { sendError } from "./respond.js";

/** What the API's handlers work with; the clock is injected so tests control time. */
export type ApiDeps = {
  db: Queryable;
  /** False until the database is migrated: answered 503 without asking it. */
  ready: () => boolean;
  clock: () => Date;
  log: Logger;
  rateLimit: RateLimit;
  /** RETENTION_DAYS: feedback older than this is refused (the sweep would delete it). */
  retentionDays: number;
  maxBodyBytes: number;
};

export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A PostgreSQL error's code (SQLSTATE), without its message or detail: those may quote the row. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * An API route: 503 while the database is not ready or cannot be reached, 500 for anything else
 * thrown. Errors are logged by name and code only, never the error's text, which may quote a comment
 * or a token.
 */
export function apiRoute(deps: ApiDeps, path: string, handle: ApiHandler): ApiHandler {
  return async (req, res) => {
    if (!deps.ready()) return sendError(res, 503, "Database unavailable");
    try {
      await handle(req, res);
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      const meta = { path, error: (error as Error | null)?.name, code: errorCode(error) };
      deps.log[unavailable ? "warn" : "error"](meta, unavailable ? "api request failed: database unavailable" : "api request failed");
      if (res.headersSent) return void res.end();
      sendError(res, unavailable ? 503 : 500, unavailable ? "Database unavailable" : "Internal error");
    }
  };
}

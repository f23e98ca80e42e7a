import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { z } from "zod";

/** The API's JSON answers: never cached, whatever they carry. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers }).end(JSON.stringify(body));
}

/** An error answer: `{ "error": message }`, and for a validation error its issues one by one. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: { headers?: Record<string, string>; issues?: ValidationIssue[] } = {},
): void {
  sendJson(res, status, extra.issues ? { error: message, issues: extra.issues } : { error: message }, extra.headers);
}

export type ValidationIssue = { path: string; message: string };

/**
 * Answers 400 with zod's validation message, each issue named by its path (`whole` when it is about
 * the whole value: the body, the query, a header). The log has the paths and codes only, never a value sent.
 */
export function refuseInvalid(log: Logger, res: ServerResponse, path: string, error: z.ZodError, whole: string): void {
  const issues = error.issues.map((issue) => ({ path: issue.path.join(".") || whole, message: issue.message }));
  log.warn(
    { path, issues: issues.map((issue, n) => `${issue.path}:${error.issues[n]?.code ?? "?"}`) },
    "api request refused: invalid input",
  );
  sendError(res, 400, issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "), { issues });
}

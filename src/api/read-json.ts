import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "../webhooks/read-body.js";
import type { ApiDeps } from "./api-route.js";
import { sendError } from "./respond.js";

/** What readJson gives when it has answered the request itself (415, 413, 400). */
export const ANSWERED = Symbol("answered");

/**
 * The request's body as JSON: 415 unless it is declared application/json, 413 over the size limit
 * (without reading the rest), 400 when it does not parse. The body is never logged.
 */
export async function readJson(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    deps.log.warn({ path }, "api request refused: not JSON");
    sendError(res, 415, "Content-Type must be application/json");
    return ANSWERED;
  }
  let text: string;
  try {
    text = await readBody(req, deps.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    deps.log.warn({ path, maxBytes: deps.maxBodyBytes }, "api request refused: body too large");
    sendError(res, 413, `The body is larger than ${deps.maxBodyBytes} bytes`, { headers: { connection: "close" } });
    return ANSWERED;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    deps.log.warn({ path }, "api request refused: malformed JSON");
    sendError(res, 400, "Malformed JSON");
    return ANSWERED;
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerToken } from "../ops/metrics.js";
import { liveTokenBySha256 } from "../queries/api-tokens.js";
import type { ApiDeps } from "./api-route.js";
import { takeRequest } from "./rate-limit.js";
import { sendError } from "./respond.js";
import { looksLikeToken, tokenSha256 } from "./tokens.js";

/** Who a request is from: a live token, and the one installation it may see. */
export type Caller = { tokenId: number; installationId: number };

const REALM = 'Bearer realm="satisfaction-bot"';

/**
 * The caller of an API request, or null once it has been answered: 401 without a token, with one
 * that is unknown or revoked (the same answer for both), or with one past its expiry (told as
 * expired, nothing more); 429 with `retry-after` past the token's requests for the window. Neither
 * the token nor its hash is ever logged.
 */
export async function authenticate(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<Caller | null> {
  const token = bearerToken(req.headers.authorization);
  if (token === null) {
    deps.log.warn({ path, withAuthorization: req.headers.authorization !== undefined }, "api request refused: no bearer token");
    sendError(res, 401, "Authorization: Bearer <token> is required", { headers: { "www-authenticate": REALM } });
    return null;
  }
  const found = looksLikeToken(token) ? await liveTokenBySha256(deps.db, tokenSha256(token)) : null;
  if (!found) {
    deps.log.warn({ path }, "api request refused: unknown or revoked token");
    sendError(res, 401, "The token is not valid (unknown or revoked)", {
      headers: { "www-authenticate": `${REALM}, error="invalid_token"` },
    });
    return null;
  }
  const now = deps.clock();
  if (found.expiresAt !== null && found.expiresAt <= now) {
    deps.log.warn({ path, tokenId: found.id, installationId: found.installationId }, "api request refused: token expired");
    sendError(res, 401, "The token has expired", { headers: { "www-authenticate": `${REALM}, error="invalid_token"` } });
    return null;
  }
  const verdict = await takeRequest(deps.db, found, deps.rateLimit, now);
  if (!verdict.allowed) {
    deps.log.warn({ path, tokenId: found.id, installationId: found.installationId }, "api request refused: rate limit");
    sendError(res, 429, `Too many requests: at most ${deps.rateLimit.requests} a minute per token`, {
      headers: { "retry-after": String(verdict.retryAfterSeconds) },
    });
    return null;
  }
  return { tokenId: found.id, installationId: found.installationId };
}

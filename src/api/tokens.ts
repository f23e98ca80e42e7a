import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/types.js";
import type { ApiToken, NewApiToken } from "../queries/api-tokens.js";
import { insertApiToken } from "../queries/api-tokens.js";

/** Every token starts with this, so a leaked one is recognised (secret scanners, logs, a pasted config). */
export const TOKEN_PREFIX = "sbt_";

const TOKEN_SHAPE = /^sbt_[A-Za-z0-9_-]{43}$/;

/** The SHA-256 (hex) a token is stored and looked up by. */
export function tokenSha256(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a text has a token's shape: anything else is refused without asking the database. */
export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * Creates a token of the installation (limited to some of its repositories, expiring, when asked):
 * 256 random bits, base64url, behind the prefix. Only its hash is stored; the token itself is
 * returned once, for the operator to hand to the desk.
 */
export async function createApiToken(
  db: Queryable,
  wanted: Omit<NewApiToken, "sha256">,
  now: Date,
): Promise<{ token: string; stored: ApiToken }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const stored = await insertApiToken(db, { ...wanted, sha256: tokenSha256(token) }, now);
  return { token, stored };
}

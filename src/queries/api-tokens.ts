import type { Queryable } from "../db/types.js";

export type ApiToken = {
  id: number;
  installationId: number;
  name: string | null;
  createdAt: Date;
  revokedAt: Date | null;
};

const COLUMNS = `id, installation_id AS "installationId", name, created_at AS "createdAt", revoked_at AS "revokedAt"`;

/** Stores a new token of the installation by its SHA-256 (hex); the token itself is never stored. */
export async function insertApiToken(
  db: Queryable,
  token: { installationId: number; name: string | null; sha256: string },
  now: Date,
): Promise<ApiToken> {
  const { rows } = await db.query<ApiToken>(
    `INSERT INTO api_tokens (installation_id, name, token_sha256, created_at) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [token.installationId, token.name, token.sha256, now],
  );
  const [created] = rows;
  if (!created) throw new Error("token insert returned no row");
  return created;
}

/**
 * The live (not revoked) token with this SHA-256. Looked up by hash alone, across installations on
 * purpose: the token is what says which installation a request is for.
 */
export async function liveTokenBySha256(db: Queryable, sha256: string): Promise<{ id: number; installationId: number } | null> {
  const { rows } = await db.query<{ id: number; installationId: number }>(
    `SELECT id, installation_id AS "installationId" FROM api_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL`,
    [sha256],
  );
  return rows[0] ?? null;
}

/** The tokens of one installation, or of every installation (the operator's listing), oldest first. */
export async function listApiTokens(db: Queryable, installationId: number | null): Promise<ApiToken[]> {
  const { rows } = await db.query<ApiToken>(
    `SELECT ${COLUMNS} FROM api_tokens WHERE $1::bigint IS NULL OR installation_id = $1 ORDER BY id`,
    [installationId],
  );
  return rows;
}

/**
 * Revokes a token by its id (the operator's, from `token list`). Returns the token as it is now, or
 * null when there is none; `revokedNow` is false when it was already revoked.
 */
export async function revokeApiToken(db: Queryable, id: number, now: Date): Promise<{ token: ApiToken; revokedNow: boolean } | null> {
  const revoked = await db.query<ApiToken>(
    `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [id, now],
  );
  if (revoked.rows[0]) return { token: revoked.rows[0], revokedNow: true };
  const { rows } = await db.query<ApiToken>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = $1`, [id]);
  return rows[0] ? { token: rows[0], revokedNow: false } : null;
}

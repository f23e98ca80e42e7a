import type { Queryable } from "../db/types.js";

export type ApiToken = {
  id: number;
  installationId: number;
  name: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  /** Null: the token does not expire. */
  expiresAt: Date | null;
};

/** A token as `token list` shows it: the full names of the repositories it is limited to, or null for all of them. */
export type ListedApiToken = ApiToken & { repositories: string[] | null };

const COLUMNS = `id, installation_id AS "installationId", name, created_at AS "createdAt", revoked_at AS "revokedAt",
  expires_at AS "expiresAt"`;

export type NewApiToken = {
  installationId: number;
  name: string | null;
  sha256: string;
  expiresAt: Date | null;
  /** The ids of the installation's repositories the token is limited to; null: every repository. */
  repositoryIds: number[] | null;
};

/**
 * Stores a new token of the installation by its SHA-256 (hex), with its repositories, in one
 * statement; the token itself is never stored. A repository id not of the installation is left out.
 */
export async function insertApiToken(db: Queryable, token: NewApiToken, now: Date): Promise<ApiToken> {
  const { rows } = await db.query<ApiToken>(
    `WITH token AS (
       INSERT INTO api_tokens (installation_id, name, token_sha256, created_at, expires_at, scoped)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb IS NOT NULL) RETURNING *
     ),
     scope AS (
       INSERT INTO api_token_repositories (token_id, installation_id, repository_id)
       SELECT token.id, r.installation_id, r.id FROM token
       JOIN repositories r ON r.installation_id = token.installation_id
       WHERE r.id IN (SELECT value::bigint FROM jsonb_array_elements_text(COALESCE($6::jsonb, '[]')))
     )
     SELECT ${COLUMNS} FROM token`,
    [token.installationId, token.name, token.sha256, now, token.expiresAt, token.repositoryIds && JSON.stringify(token.repositoryIds)],
  );
  const [created] = rows;
  if (!created) throw new Error("token insert returned no row");
  return created;
}

/**
 * The live (not revoked) token with this SHA-256, and when it expires. Looked up by hash alone,
 * across installations on purpose: the token is what says which installation a request is for.
 */
export async function liveTokenBySha256(
  db: Queryable,
  sha256: string,
): Promise<{ id: number; installationId: number; expiresAt: Date | null } | null> {
  const { rows } = await db.query<{ id: number; installationId: number; expiresAt: Date | null }>(
    `SELECT id, installation_id AS "installationId", expires_at AS "expiresAt" FROM api_tokens
     WHERE token_sha256 = $1 AND revoked_at IS NULL`,
    [sha256],
  );
  return rows[0] ?? null;
}

/** The tokens of one installation, or of every installation (the operator's listing), oldest first. */
export async function listApiTokens(db: Queryable, installationId: number | null): Promise<ListedApiToken[]> {
  const { rows } = await db.query<ListedApiToken>(
    `SELECT ${COLUMNS},
       CASE WHEN t.scoped THEN COALESCE((
         SELECT json_agg(r.full_name ORDER BY lower(r.full_name)) FROM api_token_repositories s
         JOIN repositories r ON r.installation_id = s.installation_id AND r.id = s.repository_id
         WHERE s.token_id = t.id), '[]'::json) END AS repositories
     FROM api_tokens t WHERE $1::bigint IS NULL OR installation_id = $1 ORDER BY id`,
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

import type { Queryable } from "../db/types.js";
import type { StoredRepository } from "./repositories.js";

/** A repository of a token's installation by name, and whatever keeps the token from it. */
export type TokenRepository = StoredRepository & { removed: boolean; suspended: boolean; inScope: boolean };

/**
 * The repository of the token's installation with that full name (any case), with whether it was
 * removed from the installation, whether the installation is suspended, and whether the token's
 * repositories include it. A live one the token may see comes first when a name is held twice (a
 * removed repository and a new one of the same name).
 */
export async function repositoryForToken(
  db: Queryable,
  token: { tokenId: number; installationId: number },
  fullName: string,
): Promise<TokenRepository | null> {
  const { rows } = await db.query<TokenRepository>(
    `SELECT r.installation_id AS "installationId", r.id, r.full_name AS "fullName", r.private,
       r.removed_at IS NOT NULL AS removed, i.suspended_at IS NOT NULL AS suspended,
       (NOT t.scoped OR s.token_id IS NOT NULL) AS "inScope"
     FROM repositories r
     JOIN installations i ON i.id = r.installation_id
     JOIN api_tokens t ON t.id = $1 AND t.installation_id = r.installation_id
     LEFT JOIN api_token_repositories s ON s.token_id = t.id AND s.installation_id = r.installation_id AND s.repository_id = r.id
     WHERE r.installation_id = $2 AND lower(r.full_name) = lower($3)
     ORDER BY r.removed_at IS NULL DESC, (NOT t.scoped OR s.token_id IS NOT NULL) DESC, r.id
     LIMIT 1`,
    [token.tokenId, token.installationId, fullName],
  );
  return rows[0] ?? null;
}

/** The id of the live (not removed) repository of the installation with that full name (any case): a token's scope. */
export async function liveRepositoryId(db: Queryable, installationId: number, fullName: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM repositories WHERE installation_id = $1 AND lower(full_name) = lower($2) AND removed_at IS NULL ORDER BY id LIMIT 1`,
    [installationId, fullName],
  );
  return rows[0]?.id ?? null;
}

import type { Queryable } from "../db/types.js";

export type RepositoryRecord = {
  id: number;
  full_name: string;
  private?: boolean | undefined;
  stargazers_count?: number | undefined;
  default_branch?: string | undefined;
};
export type StoredRepository = { installationId: number; id: number; fullName: string; private: boolean };

/**
 * Inserts or refreshes a repository (renames, visibility). Only the installation's own events
 * (`reinstate`) bring back a removed repository: a late event from it does not.
 */
export async function upsertRepository(
  tx: Queryable,
  installationId: number,
  repo: RepositoryRecord,
  { reinstate = false }: { reinstate?: boolean } = {},
): Promise<void> {
  await tx.query(
    `INSERT INTO repositories (installation_id, id, full_name, private, stargazers_count, default_branch)
     VALUES ($1, $2, $3, COALESCE($4, true), $5, $6)
     ON CONFLICT (installation_id, id) DO UPDATE SET
       full_name = EXCLUDED.full_name,
       private = COALESCE($4, repositories.private),
       stargazers_count = COALESCE($5, repositories.stargazers_count),
       default_branch = COALESCE($6, repositories.default_branch),
       removed_at = CASE WHEN $7 THEN NULL ELSE repositories.removed_at END`,
    [installationId, repo.id, repo.full_name, repo.private ?? null, repo.stargazers_count ?? null, repo.default_branch ?? null, reinstate],
  );
}

export async function markRepositoryRemoved(tx: Queryable, installationId: number, id: number, at: Date): Promise<void> {
  await tx.query("UPDATE repositories SET removed_at = $3 WHERE installation_id = $1 AND id = $2", [installationId, id, at]);
}

/** The stored repositories with this full name (one per installation that has it). */
export async function findRepositoriesByName(db: Queryable, fullName: string, installationId?: number): Promise<StoredRepository[]> {
  const result = await db.query<StoredRepository>(
    `SELECT installation_id AS "installationId", id, full_name AS "fullName", private
     FROM repositories
     WHERE lower(full_name) = lower($1) AND ($2::bigint IS NULL OR installation_id = $2)
     ORDER BY installation_id`,
    [fullName, installationId ?? null],
  );
  return result.rows;
}

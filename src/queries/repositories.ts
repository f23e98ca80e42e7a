import type { Queryable } from "../db/types.js";

export type RepositoryRecord = {
  id: number;
  full_name: string;
  private?: boolean | undefined;
  stargazers_count?: number | undefined;
  default_branch?: string | undefined;
};
export type StoredRepository = { installationId: number; id: number; fullName: string; private: boolean };

/** Where a statement's parameters for `ensureRepositorySql` are: "$n" placeholders. */
export type RepositoryPlaceholders = Record<"installationId" | "id" | "fullName" | "private" | "stargazers" | "defaultBranch", string>;

/**
 * Common table expressions storing the installation and the repository an event comes from when
 * missing, and refreshing the repository (renames, visibility) only when something changed, for
 * each row of CTE `gate` (none: nothing is written). A plain UPDATE whose WHERE does not match locks
 * no row, where ON CONFLICT DO UPDATE would lock it to the commit and line up every delivery of the
 * installation behind the one before. A removed repository stays removed: a late event does not
 * bring it back.
 */
export function ensureRepositorySql(p: RepositoryPlaceholders, gate: string): string {
  const key = `installation_id = ${p.installationId}::bigint AND id = ${p.id}::bigint`;
  const refreshed = {
    private: `COALESCE(${p.private}::boolean, private)`,
    stargazers: `COALESCE(${p.stargazers}::integer, stargazers_count)`,
    defaultBranch: `COALESCE(${p.defaultBranch}::text, default_branch)`,
  };
  return `new_installation AS (
      INSERT INTO installations (id) SELECT ${p.installationId}::bigint FROM ${gate}
      WHERE NOT EXISTS (SELECT 1 FROM installations WHERE id = ${p.installationId}::bigint)
      ON CONFLICT (id) DO NOTHING
    ),
    changed_repository AS (
      UPDATE repositories SET full_name = ${p.fullName}::text, private = ${refreshed.private},
        stargazers_count = ${refreshed.stargazers}, default_branch = ${refreshed.defaultBranch}
      WHERE ${key} AND EXISTS (SELECT 1 FROM ${gate})
        AND (full_name <> ${p.fullName}::text OR private <> ${refreshed.private}
          OR stargazers_count IS DISTINCT FROM ${refreshed.stargazers} OR default_branch IS DISTINCT FROM ${refreshed.defaultBranch})
    ),
    new_repository AS (
      INSERT INTO repositories (installation_id, id, full_name, private, stargazers_count, default_branch)
      SELECT ${p.installationId}::bigint, ${p.id}::bigint, ${p.fullName}::text, COALESCE(${p.private}::boolean, true),
        ${p.stargazers}::integer, ${p.defaultBranch}::text
      FROM ${gate} WHERE NOT EXISTS (SELECT 1 FROM repositories WHERE ${key})
      ON CONFLICT (installation_id, id) DO NOTHING
    )`;
}

/** The parameters of `ensureRepositorySql` but the installation id, in order. */
export function repositoryParams(repo: RepositoryRecord): unknown[] {
  return [repo.id, repo.full_name, repo.private ?? null, repo.stargazers_count ?? null, repo.default_branch ?? null];
}

/** Stores the installation and repository an event comes from, in one statement (see ensureRepositorySql). */
export async function ensureRepository(db: Queryable, installationId: number, repo: RepositoryRecord): Promise<void> {
  const placeholders = { installationId: "$1", id: "$2", fullName: "$3", private: "$4", stargazers: "$5", defaultBranch: "$6" };
  await db.query(`WITH every AS (SELECT 1), ${ensureRepositorySql(placeholders, "every")} SELECT 1`, [
    installationId,
    ...repositoryParams(repo),
  ]);
}

/**
 * Inserts or refreshes a repository (renames, visibility), for the installation's own events: they
 * bring back a removed repository (`reinstate`). Events from the repository use ensureRepository.
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

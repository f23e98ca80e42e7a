import type { Queryable } from "../db/types.js";

export type RepositoryRecord = { id: number; full_name: string; private?: boolean | undefined };
export type StoredRepository = { installationId: number; id: number; fullName: string; private: boolean };

/** Inserts or refreshes a repository (renames, visibility); an event from it means it is installed. */
export async function upsertRepository(tx: Queryable, installationId: number, repo: RepositoryRecord): Promise<void> {
  await tx.query(
    `INSERT INTO repositories (installation_id, id, full_name, private) VALUES ($1, $2, $3, COALESCE($4, true))
     ON CONFLICT (installation_id, id) DO UPDATE SET
       full_name = EXCLUDED.full_name,
       private = COALESCE($4, repositories.private),
       removed_at = NULL`,
    [installationId, repo.id, repo.full_name, repo.private ?? null],
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

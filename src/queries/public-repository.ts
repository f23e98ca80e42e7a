import type { Queryable } from "../db/types.js";

/**
 * The installed, public repository with this full name, for what anyone may see of it (the badge).
 * A private repository, one removed from its installation, or one of a suspended installation is not
 * found: the caller answers exactly as for an unknown one.
 */
export async function publicRepositoryNamed(db: Queryable, fullName: string): Promise<{ installationId: number; id: number } | null> {
  const { rows } = await db.query<{ installationId: number; id: number }>(
    `SELECT r.installation_id AS "installationId", r.id
     FROM repositories r
     JOIN installations i ON i.id = r.installation_id
     WHERE lower(r.full_name) = lower($1) AND NOT r.private AND r.removed_at IS NULL AND i.suspended_at IS NULL
     ORDER BY r.installation_id
     LIMIT 1`,
    [fullName],
  );
  return rows[0] ?? null;
}

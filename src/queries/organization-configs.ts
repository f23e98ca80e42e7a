import type { Queryable } from "../db/types.js";

/** `fresh`: the settings were read within the hour, by the database's clock. */
export type Organization = { installationId: number; login: string; config: unknown; fresh: boolean };

/** The active installations on organisations (or the one given), with their stored organisation-wide settings. */
export async function organizations(db: Queryable, installationId: number | null = null): Promise<Organization[]> {
  const result = await db.query<Organization>(
    `SELECT id AS "installationId", account_login AS login, organization_config AS config,
       COALESCE(organization_config_loaded_at > now() - interval '1 hour', false) AS fresh
     FROM installations
     WHERE account_type = 'Organization' AND account_login IS NOT NULL AND suspended_at IS NULL
       AND ($1::bigint IS NULL OR id = $1)
     ORDER BY id`,
    [installationId],
  );
  return result.rows;
}

export async function storeOrganizationConfig(db: Queryable, installationId: number, config: unknown): Promise<void> {
  await db.query("UPDATE installations SET organization_config = $2, organization_config_loaded_at = now() WHERE id = $1", [
    installationId,
    JSON.stringify(config),
  ]);
}

export async function expireOrganizationConfig(db: Queryable, installationId: number): Promise<void> {
  await db.query("UPDATE installations SET organization_config_loaded_at = NULL WHERE id = $1", [installationId]);
}

/** The repositories an organisation summary covers: the installation's, with some activity seen. */
export async function organizationRepositories(
  db: Queryable,
  installationId: number,
): Promise<{ id: number; fullName: string; private: boolean; stargazers: number | null }[]> {
  const result = await db.query<{ id: number; fullName: string; private: boolean; stargazers: number | null }>(
    `SELECT r.id, r.full_name AS "fullName", r.private, r.stargazers_count AS stargazers FROM repositories r
     WHERE r.installation_id = $1 AND r.removed_at IS NULL
       AND EXISTS (SELECT 1 FROM issues WHERE installation_id = r.installation_id AND repository_id = r.id)
     ORDER BY r.full_name`,
    [installationId],
  );
  return result.rows;
}

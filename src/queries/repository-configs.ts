import type { Queryable } from "../db/types.js";
import type { ConfigError } from "../config/load-config.js";

export type StoredConfig = { config: unknown; loadedAt: Date; error: ConfigError | null };

type RepositoryRef = { installationId: number; repositoryId: number };

export async function readStoredConfig(db: Queryable, ref: RepositoryRef): Promise<StoredConfig | null> {
  const result = await db.query<StoredConfig>(
    `SELECT config, loaded_at AS "loadedAt", error FROM repository_configs
     WHERE installation_id = $1 AND repository_id = $2`,
    [ref.installationId, ref.repositoryId],
  );
  return result.rows[0] ?? null;
}

/** Stores a good configuration; it replaces the last good one and clears the error. */
export async function storeConfig(db: Queryable, ref: RepositoryRef, config: unknown, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at, error)
     VALUES ($1, $2, $3, $4, NULL)
     ON CONFLICT (installation_id, repository_id) DO UPDATE SET config = $3, loaded_at = $4, error = NULL`,
    [ref.installationId, ref.repositoryId, JSON.stringify(config), at],
  );
}

/** Records a broken configuration; the last good one (or none, meaning the defaults) is kept. */
export async function storeConfigError(db: Queryable, ref: RepositoryRef, error: ConfigError, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at, error)
     VALUES ($1, $2, NULL, $3, $4)
     ON CONFLICT (installation_id, repository_id) DO UPDATE SET loaded_at = $3, error = $4`,
    [ref.installationId, ref.repositoryId, at, JSON.stringify(error)],
  );
}

/** Makes every stored configuration of an installation load again (the organisation's file changed). */
export async function expireStoredConfigs(db: Queryable, installationId: number): Promise<void> {
  await db.query("UPDATE repository_configs SET loaded_at = 'epoch' WHERE installation_id = $1", [installationId]);
}

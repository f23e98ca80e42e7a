import type { Queryable } from "../db/types.js";

/** A broken configuration as stored: the file, the line, and what is wrong (the config loader's ConfigError fits it). */
export type StoredConfigError = { file: string; line: number | null; message: string };

/** `fresh`: loaded within the hour, by the database's clock (real time, whatever a sweep's `now`). */
export type StoredConfig = { config: unknown; loadedAt: Date; error: StoredConfigError | null; fresh: boolean };

type RepositoryRef = { installationId: number; repositoryId: number };

export async function readStoredConfig(db: Queryable, ref: RepositoryRef): Promise<StoredConfig | null> {
  const result = await db.query<StoredConfig>(
    `SELECT config, loaded_at AS "loadedAt", error, loaded_at > now() - interval '1 hour' AS fresh FROM repository_configs
     WHERE installation_id = $1 AND repository_id = $2`,
    [ref.installationId, ref.repositoryId],
  );
  return result.rows[0] ?? null;
}

/** Stores a good configuration; it replaces the last good one and clears the error. */
export async function storeConfig(db: Queryable, ref: RepositoryRef, config: unknown): Promise<void> {
  await db.query(
    `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at, error)
     VALUES ($1, $2, $3, now(), NULL)
     ON CONFLICT (installation_id, repository_id) DO UPDATE SET config = $3, loaded_at = now(), error = NULL`,
    [ref.installationId, ref.repositoryId, JSON.stringify(config)],
  );
}

/** Records a broken configuration; the last good one (or none, meaning the defaults) is kept. */
export async function storeConfigError(db: Queryable, ref: RepositoryRef, error: StoredConfigError): Promise<void> {
  await db.query(
    `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at, error)
     VALUES ($1, $2, NULL, now(), $3)
     ON CONFLICT (installation_id, repository_id) DO UPDATE SET loaded_at = now(), error = $3`,
    [ref.installationId, ref.repositoryId, JSON.stringify(error)],
  );
}

/** Makes every stored configuration of an installation load again (the organisation's file changed). */
export async function expireStoredConfigs(db: Queryable, installationId: number): Promise<void> {
  await db.query("UPDATE repository_configs SET loaded_at = 'epoch' WHERE installation_id = $1", [installationId]);
}

/** Makes one repository's stored configuration load again (its file changed on the default branch). */
export async function expireStoredConfig(db: Queryable, ref: RepositoryRef): Promise<void> {
  await db.query("UPDATE repository_configs SET loaded_at = 'epoch' WHERE installation_id = $1 AND repository_id = $2", [
    ref.installationId,
    ref.repositoryId,
  ]);
}

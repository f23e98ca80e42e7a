import type { Queryable } from "../db/types.js";

export type InstallationRecord = { id: number; accountLogin?: string | undefined; accountType?: string | undefined };

export async function upsertInstallation(tx: Queryable, installation: InstallationRecord): Promise<void> {
  await tx.query(
    `INSERT INTO installations (id, account_login, account_type) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET
       account_login = COALESCE(EXCLUDED.account_login, installations.account_login),
       account_type = COALESCE(EXCLUDED.account_type, installations.account_type)`,
    [installation.id, installation.accountLogin ?? null, installation.accountType ?? null],
  );
}

export async function setInstallationSuspended(tx: Queryable, id: number, suspendedAt: Date | null): Promise<void> {
  await tx.query("UPDATE installations SET suspended_at = $2 WHERE id = $1", [id, suspendedAt]);
}

/** Removes everything stored for an installation; the foreign keys cascade to its repositories' data. */
export async function deleteInstallation(tx: Queryable, id: number): Promise<void> {
  await tx.query("DELETE FROM deliveries WHERE installation_id = $1", [id]);
  await tx.query("DELETE FROM installations WHERE id = $1", [id]);
}

/** Records that GitHub said the installation was deleted; a repeated request keeps the first time. */
export async function requestUninstall(tx: Queryable, id: number, at: Date): Promise<void> {
  await tx.query("UPDATE installations SET uninstall_requested_at = COALESCE(uninstall_requested_at, $2) WHERE id = $1", [id, at]);
}

export type UninstallRequest = { installationId: number; requestedAt: Date };

/** The installations whose uninstall waits for GitHub's confirmation, oldest request first. */
export async function pendingUninstalls(db: Queryable): Promise<UninstallRequest[]> {
  const { rows } = await db.query<UninstallRequest>(
    `SELECT id AS "installationId", uninstall_requested_at AS "requestedAt" FROM installations
     WHERE uninstall_requested_at IS NOT NULL ORDER BY uninstall_requested_at, id`,
  );
  return rows;
}

/** Withdraws that request, unless a newer one has come since it was read. */
export async function clearUninstallRequest(tx: Queryable, request: UninstallRequest): Promise<void> {
  await tx.query("UPDATE installations SET uninstall_requested_at = NULL WHERE id = $1 AND uninstall_requested_at = $2", [
    request.installationId,
    request.requestedAt,
  ]);
}

export async function installationExists(db: Queryable, installationId: number): Promise<boolean> {
  const { rowCount } = await db.query("SELECT 1 FROM installations WHERE id = $1", [installationId]);
  return rowCount > 0;
}

/** The login of the installation's account; null when unknown. */
export async function installationAccountLogin(db: Queryable, installationId: number): Promise<string | null> {
  const { rows } = await db.query<{ login: string | null }>("SELECT account_login AS login FROM installations WHERE id = $1", [
    installationId,
  ]);
  return rows[0]?.login ?? null;
}

/** An installation as the operator names it: its id and the account's login. */
export type NamedInstallation = { id: number; login: string | null };

/**
 * The installations `idOrLogin` names: the one with that id, else those whose account login it is
 * (any case). More than one only when a login is shared (two GitHub hosts).
 */
export async function installationsNamed(db: Queryable, idOrLogin: string): Promise<NamedInstallation[]> {
  const byId = /^\d{1,15}$/.test(idOrLogin) ? Number(idOrLogin) : null;
  const { rows } = await db.query<NamedInstallation>(
    `SELECT id, account_login AS login FROM installations
     WHERE CASE WHEN EXISTS (SELECT 1 FROM installations WHERE id = $1) THEN id = $1 ELSE lower(account_login) = lower($2) END
     ORDER BY id`,
    [byId, idOrLogin],
  );
  return rows;
}

import type { Queryable } from "../db/types.js";

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

/** Sets the installation's chat webhook, replacing one set before. Returns whether one was replaced. */
export async function setChatWebhook(db: Queryable, installationId: number, url: string, at: Date): Promise<boolean> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO chat_webhooks (installation_id, url, set_at) VALUES ($1, $2, $3)
     ON CONFLICT (installation_id) DO UPDATE SET url = EXCLUDED.url, set_at = EXCLUDED.set_at
     RETURNING (xmax = 0) AS inserted`,
    [installationId, url, at],
  );
  return rows[0]?.inserted === false;
}

/** Removes the installation's chat webhook; false when it had none. */
export async function removeChatWebhook(db: Queryable, installationId: number): Promise<boolean> {
  const { rowCount } = await db.query("DELETE FROM chat_webhooks WHERE installation_id = $1", [installationId]);
  return rowCount > 0;
}

/** The installation's chat webhook URL (a secret: never log it), or null when none is set. */
export async function chatWebhookUrl(db: Queryable, installationId: number): Promise<string | null> {
  const { rows } = await db.query<{ url: string }>("SELECT url FROM chat_webhooks WHERE installation_id = $1", [installationId]);
  return rows[0]?.url ?? null;
}

import type { Queryable } from "../db/types.js";

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

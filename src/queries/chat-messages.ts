import type { Queryable } from "../db/types.js";
import type { WorkRef } from "./work.js";

/** The work kind that sends a chat message. */
export const POST_CHAT = "chat.post";

export type ChatMessageKind = "summary" | "alert";

/** A message for the chat webhook, about one summary (its scope, target repository and period). */
export type NewChatMessage = {
  installationId: number;
  scope: "repository" | "organization";
  targetRepositoryId: number;
  periodKey: string;
  kind: ChatMessageKind;
  text: string;
};

export type StoredChatMessage = { id: number; installationId: number; kind: ChatMessageKind; text: string; status: string };

/**
 * Queues a chat message and the work of sending it, in the caller's transaction (the one that marks
 * its summary posted), in one statement. Nothing when the installation has no chat webhook, or when
 * this message was queued before (the same summary posted as a check run too, or again): each is
 * sent once. Returns the work queued, or null.
 */
export async function queueChatMessage(tx: Queryable, message: NewChatMessage, at: Date): Promise<WorkRef | null> {
  const { rows } = await tx.query<{ key: string }>(
    `WITH queued AS (
       INSERT INTO chat_messages (installation_id, scope, target_repository_id, period_key, kind, text, status, created_at)
       SELECT $1, $2, $3, $4, $5, $6, 'pending', $7 FROM chat_webhooks WHERE installation_id = $1
       ON CONFLICT DO NOTHING
       RETURNING id, installation_id, target_repository_id)
     INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
     SELECT installation_id, target_repository_id, $8, id::text,
       jsonb_build_object('message', $5::text, 'scope', $2::text, 'period', $4::text), 'pending', $7 FROM queued
     RETURNING key`,
    [message.installationId, message.scope, message.targetRepositoryId, message.periodKey, message.kind, message.text, at, POST_CHAT],
  );
  const key = rows[0]?.key;
  return key === undefined ? null : { installationId: message.installationId, kind: POST_CHAT, key };
}

/** The chat message a piece of work sends; null when it is gone. */
export async function chatMessageForWork(db: Queryable, installationId: number, id: number): Promise<StoredChatMessage | null> {
  const { rows } = await db.query<StoredChatMessage>(
    `SELECT id, installation_id AS "installationId", kind, text, status FROM chat_messages WHERE installation_id = $1 AND id = $2`,
    [installationId, id],
  );
  return rows[0] ?? null;
}

/** A pending message sent, or dropped because the webhook was removed before it could be. */
export async function settleChatMessage(
  db: Queryable,
  message: Pick<StoredChatMessage, "id" | "installationId">,
  settled: { status: "sent" | "cancelled"; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE chat_messages SET status = $3, sent_at = CASE WHEN $3 = 'sent' THEN $4::timestamptz END
     WHERE installation_id = $1 AND id = $2 AND status = 'pending'`,
    [message.installationId, message.id, settled.status, settled.at],
  );
}

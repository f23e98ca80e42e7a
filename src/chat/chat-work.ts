import { chatMessageForWork, POST_CHAT, settleChatMessage } from "../queries/chat-messages.js";
import { chatWebhookUrl } from "../queries/chat-webhooks.js";
import { moveSubjectStatus } from "../queries/retry.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { sendChatMessage } from "./send-chat.js";

const message = (item: { installationId: number; key: string }) => ({ installationId: item.installationId, id: Number(item.key) });

/**
 * Sending a queued chat message to the installation's webhook. A 5xx, a 429 or no answer is retried
 * by the engine's policy; an answer that says the webhook is wrong or gone (400, 401, 403, 404, 410)
 * fails it at once. The URL is read here, at each try, and never leaves this function: the error
 * the engine records and logs carries only the status.
 */
export const postChatMessage: WorkKind = {
  name: POST_CHAT,
  maxAttempts: 8,
  finalStatuses: [400, 401, 403, 404, 410],
  async handle({ db, log, now }, item) {
    const stored = await chatMessageForWork(db, item.installationId, Number(item.key));
    if (stored?.status !== "pending") return done("already_done");
    const context = { installationId: item.installationId, chatMessageId: stored.id, message: stored.kind };
    const url = await chatWebhookUrl(db, item.installationId);
    if (url === null) {
      await settleChatMessage(db, stored, { status: "cancelled", at: now });
      log.info(context, "chat webhook removed; chat message dropped");
      return done("cancelled");
    }
    const status = await sendChatMessage(url, stored.text);
    await settleChatMessage(db, stored, { status: "sent", at: now });
    log.info({ ...context, status }, "chat message sent");
    return done("sent");
  },
  onFailed: (tx, item) => moveSubjectStatus(tx, "chat_messages", message(item), { from: "pending", to: "failed" }),
  async onRetry(tx, item) {
    await moveSubjectStatus(tx, "chat_messages", message(item), { from: "failed", to: "pending" });
    return null;
  },
};

import type { Queryable } from "../db/types.js";
import type { RepositoryConfig } from "../config/schema.js";
import type { NewChatMessage } from "../queries/chat-messages.js";
import { queueChatMessage } from "../queries/chat-messages.js";
import type { SummaryKey } from "../queries/summaries.js";
import type { WorkRef } from "../queries/work.js";
import type { PeriodNoun } from "../summary/markdown.js";
import type { Period, SummaryData } from "../summary/types.js";
import type { ChatSubject } from "./chat-text.js";
import { alertChatText, summaryChatText } from "./chat-text.js";

/** A summary just posted, as its chat messages need it. */
export type PostedSummary = {
  key: SummaryKey;
  period: Period;
  /** The period's word in sentences: `week`, `month`, `day`. */
  noun: PeriodNoun;
  data: Pick<SummaryData, "subject" | "current" | "previous" | "alerts">;
  /** The organisation's login for an organisation-wide summary, else null. */
  organization: string | null;
  /** What the repository's (or the organisation's) configuration sends: `chat.summaries`, `chat.alerts`. */
  chat: RepositoryConfig["chat"];
  /** The summary issue or check run. */
  link: string | null;
  /** Whether the repository it was posted in is private (for an organisation summary: its target). */
  targetPrivate: boolean;
};

/**
 * Whether a summary posted where it is posted sends this kind of message: as configured, and by
 * default (null) only from a public place, for a chat room's members may not see a private repository.
 */
export function chatSends(setting: boolean | null, targetPrivate: boolean): boolean {
  return setting ?? !targetPrivate;
}

/**
 * Queues the chat messages of a posted summary, in the transaction that marks it posted: its
 * headline when `chat.summaries` is on, its alerts (as a message of their own) when `chat.alerts` is
 * on and it has any (`chatSends`: off by default where the summary is private). Nothing without a chat webhook; each message once per summary subject and period.
 */
export async function queueSummaryChat(tx: Queryable, posted: PostedSummary, at: Date): Promise<WorkRef[]> {
  const about: ChatSubject = {
    subject: posted.data.subject,
    organization: posted.organization !== null,
    period: posted.period,
    noun: posted.noun,
    link: posted.link,
  };
  const alerts = posted.data.alerts ?? [];
  const texts: Pick<NewChatMessage, "kind" | "text">[] = [];
  if (chatSends(posted.chat.summaries, posted.targetPrivate)) texts.push({ kind: "summary", text: summaryChatText(about, posted.data) });
  if (chatSends(posted.chat.alerts, posted.targetPrivate) && alerts.length > 0)
    texts.push({ kind: "alert", text: alertChatText(about, alerts) });
  const { installationId, scope, targetRepositoryId, periodKey } = posted.key;
  const refs: WorkRef[] = [];
  for (const message of texts) {
    const ref = await queueChatMessage(tx, { installationId, scope, targetRepositoryId, periodKey, ...message }, at);
    if (ref) refs.push(ref);
  }
  return refs;
}

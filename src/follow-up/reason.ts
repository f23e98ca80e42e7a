import type { Queryable } from "../db/types.js";
import type { IssueKey } from "../queries/issues.js";
import { recordReason } from "../queries/follow-ups.js";
import { REASON_WINDOW_DAYS } from "./timing.js";

/** The most of a reason that is kept, in characters (code points): a few paragraphs. */
export const REASON_MAX_CHARACTERS = 2000;

/** A comment's text as a reason: trimmed, cut to REASON_MAX_CHARACTERS without splitting a character; "" when empty. */
export function reasonText(body: string | null | undefined): string {
  const characters = Array.from((body ?? "").trim());
  if (characters.length <= REASON_MAX_CHARACTERS) return characters.join("");
  return `${characters.slice(0, REASON_MAX_CHARACTERS - 1).join("")}…`;
}

/**
 * A comment by an issue's reporter: when their negative answer was followed up, their first comment
 * within REASON_WINDOW_DAYS after the reply is kept as the experience's reason. Returns whether it was.
 */
export async function recordReporterReason(
  tx: Queryable,
  key: IssueKey,
  comment: { id: number; user: { id: number }; created_at: Date; body?: string | null | undefined },
): Promise<boolean> {
  const text = reasonText(comment.body);
  if (text === "") return false;
  return recordReason(tx, key, { id: comment.id, authorId: comment.user.id, at: comment.created_at, text }, REASON_WINDOW_DAYS);
}

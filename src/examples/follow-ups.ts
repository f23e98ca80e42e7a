import { HOUR, MINUTE } from "./random.js";
import { REASONS } from "./vocabulary.js";

const iso = (time: number): string => new Date(time).toISOString();

/** The follow-up columns of an experience that is not negative: followed_up_at, its comment, reason, its comment and time. */
export const NO_FOLLOW_UP = [null, null, null, null, null];

/**
 * The follow-up columns of the `index`-th negative answer: every one is followed up 15 minutes after
 * it; one reporter in four gives a reason, 5 hours after the reply.
 */
export function followUpOf(index: number, answeredAt: number, commentId: number): unknown[] {
  const repliedAt = answeredAt + 15 * MINUTE;
  if (index % 4 !== 1) return [iso(repliedAt), commentId, null, null, null];
  return [iso(repliedAt), commentId, REASONS[Math.floor(index / 4) % REASONS.length], commentId + 1, iso(repliedAt + 5 * HOUR)];
}

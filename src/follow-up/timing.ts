const MINUTE = 60_000;

/**
 * How long after a negative reaction the follow-up waits: a reporter who clicked 👎 by mistake has a
 * moment to change it, and the follow-up reads the reactions again before it acts.
 */
export const FOLLOW_UP_DELAY_MS = 15 * MINUTE;

/** The reporter's next comment within these days after the reply is the experience's reason. */
export const REASON_WINDOW_DAYS = 7;

/** When the follow-up of an answer made at `answeredAt`, read at `now`, is due. */
export function followUpDueAt(answeredAt: Date, now: Date): Date {
  return new Date(Math.max(now.getTime(), answeredAt.getTime() + FOLLOW_UP_DELAY_MS));
}

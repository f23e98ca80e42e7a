const MINUTE = 60_000;

/** When the reactions of a survey comment are read, counted from the moment it was posted. */
export const POLL_OFFSETS_MINUTES = [10, 60, 6 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60] as const;

export const DEFAULT_WINDOW_DAYS = 14;

export function windowEnd(askedAt: Date, windowDays: number): Date {
  return new Date(askedAt.getTime() + windowDays * 24 * 60 * MINUTE);
}

/**
 * The first read scheduled after `after`: the backoff steps, then the end of the window itself
 * (the last read). Null once the window has ended.
 */
export function nextPollAt(askedAt: Date, windowEndsAt: Date, after: Date): Date | null {
  const steps = POLL_OFFSETS_MINUTES.map((minutes) => askedAt.getTime() + minutes * MINUTE).filter((at) => at < windowEndsAt.getTime());
  const next = [...steps, windowEndsAt.getTime()].find((at) => at > after.getTime());
  return next === undefined ? null : new Date(next);
}

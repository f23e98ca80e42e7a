import type { Queryable } from "../db/types.js";
import { countTokenRequest, deleteRateWindowsBefore } from "../queries/api-rate-windows.js";

/** Requests a token may make per window (API_RATE_LIMIT per minute by default). */
export type RateLimit = { requests: number; windowMs: number };

export const RATE_WINDOW_MS = 60_000;

/** What counting a request says: go on, or wait `retryAfterSeconds` for the next window. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request of the token in the fixed window `now` falls in (windows start at multiples of
 * the window's length since the epoch, so every instance agrees on them) and says whether it is
 * within the limit.
 */
export async function takeRequest(
  db: Queryable,
  token: { id: number; installationId: number },
  limit: RateLimit,
  now: Date,
): Promise<RateVerdict> {
  const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  const requests = await countTokenRequest(db, token, new Date(start));
  if (requests <= limit.requests) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + limit.windowMs - now.getTime()) / 1000)) };
}

/**
 * Deletes the counters of windows before the previous one (the sweep runs it): only the current window
 * counts, and the previous one is kept for an instance whose clock runs a little behind.
 */
export function sweepRateWindows(db: Queryable, now: Date, windowMs: number = RATE_WINDOW_MS): Promise<number> {
  return deleteRateWindowsBefore(db, new Date(Math.floor(now.getTime() / windowMs) * windowMs - windowMs));
}

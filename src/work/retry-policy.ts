import { httpStatus, isRateLimit, isSuspension, retryAt } from "../github/octokit.js";

/** What to do after a handler threw: the one retry policy of every kind of work. */
export type RetryDecision =
  /** Not the work's fault (a rate limit, a suspension): again at `at`, the attempt given back. */
  | { wait: Date; suspended: boolean }
  /** Again after the backoff (2^attempts minutes, at most an hour, computed in SQL). */
  | { backOff: true }
  /** Given up: failed, with the error. */
  | { fail: true };

export function decideRetry(
  error: unknown,
  attempts: number,
  kind: { maxAttempts: number; finalStatuses: readonly number[] },
  now: Date,
): RetryDecision {
  if (isSuspension(error)) return { wait: retryAt(error, now, 60 * 60_000), suspended: true };
  if (isRateLimit(error)) return { wait: retryAt(error, now, 60_000), suspended: false };
  const status = httpStatus(error);
  if (status !== undefined && kind.finalStatuses.includes(status)) return { fail: true };
  return attempts >= kind.maxAttempts ? { fail: true } : { backOff: true };
}

import { z } from "zod";
import { instant, UsageError } from "./args.js";

/** The longest `--expires <n>d`: ten years. */
export const MAX_EXPIRY_DAYS = 3650;
const DAY_MS = 24 * 60 * 60_000;

const days = z
  .string()
  .regex(/^\d{1,4}d$/)
  .transform((text) => Number(text.slice(0, -1)))
  .refine((count) => count >= 1 && count <= MAX_EXPIRY_DAYS);

/** `--expires`: a number of days from now (`90d`), or an ISO-8601 date (00:00 UTC) or date-time. */
export const tokenExpiry = z.union([days.transform((count) => ({ days: count })), instant.transform((at) => ({ at }))], {
  error: `must be a number of days (90d, at most ${MAX_EXPIRY_DAYS}d), or a date (2027-03-01) or date-time`,
});

export type TokenExpiry = z.infer<typeof tokenExpiry>;

/** When a token made `now` expires; a date or time that is not in the future is refused. */
export function expiryFrom(expiry: TokenExpiry | undefined, now: Date): Date | null {
  if (expiry === undefined) return null;
  if ("days" in expiry) return new Date(now.getTime() + expiry.days * DAY_MS);
  if (expiry.at <= now) throw new UsageError(`--expires ${expiry.at.toISOString()} is not in the future`);
  return expiry.at;
}

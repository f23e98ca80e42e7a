import { z } from "zod";
import { repositoryName } from "../cli/args.js";
import type { Outcome } from "../queries/desk-experiences.js";
import { DESK_IDENTITY_CHARS, deskIdentity } from "./desk-identity.js";

/** What a desk may send: limits the API documents (docs/openapi.yaml) and refuses past with 400. */
export const FEEDBACK_LIMITS = {
  reporterChars: DESK_IDENTITY_CHARS,
  commentChars: 2000,
  urlChars: 2048,
  /** How far in the future `occurredAt` may be: the desk's clock may run a little ahead of ours. */
  futureSkewMs: 5 * 60_000,
} as const;

/** The channels GitHub's own experiences come by: a desk names any other lowercase word (migration 017's CHECK). */
const GITHUB_CHANNELS = new Set(["issues", "discussions"]);

const channel = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, { message: "must be a lowercase word (a-z, digits, - or _; at most 32 characters)" })
  .refine((name) => !GITHUB_CHANNELS.has(name), { message: "must not be issues or discussions: those are GitHub's own" });

const RATING = "must be positive, negative, neutral or a whole number from 1 to 5";
const rating = z.union(
  [
    z.enum(["positive", "negative", "neutral"]),
    z.number().int({ message: RATING }).min(1, { message: RATING }).max(5, { message: RATING }),
  ],
  { error: RATING },
);

const webUrl = z
  .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" })
  .max(FEEDBACK_LIMITS.urlChars, { message: `is too long (at most ${FEEDBACK_LIMITS.urlChars} characters)` });

/** 4–5 positive, 3 neutral, 1–2 negative; a word is itself. */
export function outcomeOf(value: z.infer<typeof rating>): Outcome {
  if (typeof value === "string") return value;
  if (value >= 4) return "positive";
  return value === 3 ? "neutral" : "negative";
}

/**
 * The body of `POST /api/feedback`, strict (an unknown key is an error). `occurredAt` must be an
 * ISO-8601 date-time with its offset, not in the future beyond a small skew of `now`, and not before
 * the retention cutoff: an experience that old would be deleted by the next sweep.
 */
export function feedbackBody(now: Date, retentionCutoff: Date) {
  const latest = new Date(now.getTime() + FEEDBACK_LIMITS.futureSkewMs);
  return z.strictObject({
    repository: repositoryName,
    channel,
    reporter: deskIdentity(z.string()),
    rating,
    occurredAt: z.iso
      .datetime({ offset: true, message: "must be an ISO-8601 date-time with its offset (2026-11-03T10:00:00Z)" })
      .transform((text) => new Date(text))
      .refine((date) => date <= latest, { message: "is in the future" })
      .refine((date) => date >= retentionCutoff, { message: "is older than the retention period (RETENTION_DAYS)" }),
    url: webUrl.optional(),
    comment: z
      .string()
      .max(FEEDBACK_LIMITS.commentChars, { message: `is too long (at most ${FEEDBACK_LIMITS.commentChars} characters)` })
      .optional(),
  });
}

export type FeedbackBody = z.infer<ReturnType<typeof feedbackBody>>;

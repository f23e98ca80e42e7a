import type { z } from "zod";

/** The longest desk identity the API and the command line take. */
export const DESK_IDENTITY_CHARS = 200;

/**
 * A desk identity as it is stored and compared: trimmed and in lower case, because a person is the
 * same whatever case the desk writes them in ("Ann@X.com" is "ann@x.com", docs/privacy.md). The API
 * (`reporter`), `identity link|unlink` and `forget --reporter` all go through it, so one person is
 * counted once and forgotten in every spelling.
 */
export function deskIdentity(text: z.ZodString) {
  return text
    .trim()
    .min(1, { message: "must not be empty" })
    .max(DESK_IDENTITY_CHARS, { message: `is too long (at most ${DESK_IDENTITY_CHARS} characters)` })
    .transform((identity) => identity.toLowerCase());
}

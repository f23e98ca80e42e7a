import { z } from "zod";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https anywhere; http only on this machine (tests, a local stand-in); never credentials in the URL. */
function allowed(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  if (url.protocol === "https:") return url.hostname !== "";
  return url.protocol === "http:" && LOOPBACK.has(url.hostname);
}

/**
 * A chat webhook URL as the operator gives it. The messages never repeat the URL: it is a secret,
 * and a wrong one may be a right one mistyped.
 */
export const chatWebhookUrl = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") })
  .max(2048, { message: "is too long (at most 2048 characters)" })
  .refine(allowed, { message: "must be an https:// URL (http:// only for localhost or 127.0.0.1), without a user or password" });

/**
 * A chat webhook that failed. Its message never holds the URL (a secret): only the HTTP status, or
 * why no answer came. `status` and `response.headers` are read by the work engine's retry policy
 * like a GitHub error's (a 429 waits as `retry-after` says).
 */
export class ChatWebhookError extends Error {
  override name = "ChatWebhookError";
  readonly status: number | undefined;
  readonly response: { headers: Record<string, string | undefined> } | undefined;

  constructor(message: string, answer?: { status: number; retryAfter: string | null }) {
    super(message);
    this.status = answer?.status;
    this.response = answer ? { headers: { "retry-after": answer.retryAfter ?? undefined } } : undefined;
  }
}

export const CHAT_TIMEOUT_MS = 10_000;

/** Why no answer came, without the error's message (fetch's errors may quote the URL). */
function noAnswerReason(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return "timed out";
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : "network error";
}

/**
 * Posts `{ "text": ... }` to a Slack-compatible incoming webhook. Returns the HTTP status of a 2xx
 * answer; throws a ChatWebhookError otherwise. The answer's body is never read (nor logged).
 */
export async function sendChatMessage(url: string, text: string, timeoutMs = CHAT_TIMEOUT_MS): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ChatWebhookError(`chat webhook unreachable (${noAnswerReason(error)})`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return response.status;
  throw new ChatWebhookError(`chat webhook answered ${response.status}`, {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
  });
}

import net from "node:net";
import { createHmac, randomUUID } from "node:crypto";

/** GitHub's X-Hub-Signature-256 of a body. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Posts a webhook as GitHub does: JSON, an event name, a fresh delivery id, signed with `secret`. */
export function postWebhook(url: string, secret: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": signature(secret, body),
      ...headers,
    },
  });
}

/** Waits until `check` holds (a failing check counts as not yet), at most `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * A loopback port no one listens on now, chosen by the OS (a random pick could collide with another
 * test's app, or with an outgoing connection's ephemeral port, now that test files run side by side).
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

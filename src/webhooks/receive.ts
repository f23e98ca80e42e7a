import type { IncomingMessage, ServerResponse } from "node:http";
import { verify } from "@octokit/webhooks-methods";
import type { Logger } from "pino";
import type { Probot } from "probot";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import type { Instruments } from "../ops/instruments.js";
import { recordWebhook } from "../ops/instruments.js";
import { envelopeSchema, parsePayload, PayloadError } from "../payloads.js";
import { BodyTooLargeError, readBody } from "./read-body.js";

export type WebhookSettings = {
  /** The current secret first; during a rotation, the previous one too. */
  secrets: string[];
  maxBytes: number;
  /** False while the database is not ready (down at start): deliveries are answered 503. */
  ready: () => boolean;
};

// GitHub gives up after 10 s; past this, the delivery is acknowledged and finished in the background.
const ANSWER_WITHIN_MS = 9_000;

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain" }).end(`${message}\n`);
}

async function signedByAny(secrets: string[], body: string, signature: string): Promise<boolean> {
  for (const secret of secrets) if (await verify(secret, body, signature).catch(() => false)) return true;
  return false;
}

/** The HTTP status a failed delivery is answered with: 400 malformed, 503 database down, else 500. */
function statusOf(error: unknown): number {
  const first = error instanceof AggregateError ? error.errors[0] : error;
  if (first instanceof PayloadError) return 400;
  return isDatabaseUnavailable(first) ? 503 : 500;
}

/**
 * GitHub's webhooks: headers, size, signature (current or previous secret) and JSON checked before
 * anything is stored, then handed to Probot's handlers. Nothing is acknowledged (2xx) before it is
 * stored; a database outage is answered 503 so GitHub marks the delivery failed, to be redelivered.
 */
export function receiveWebhooks(probot: Probot, settings: WebhookSettings & { instruments: Instruments }, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    // The event is named in the metrics only once the signature matched: before, anyone can put anything there.
    let verifiedEvent: string | undefined = undefined;
    res.once("finish", () => recordWebhook(settings.instruments, verifiedEvent, res.statusCode, (performance.now() - started) / 1000));
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : "");
    const id = header("x-github-delivery");
    const name = header("x-github-event");
    const signature = header("x-hub-signature-256");
    if (!id || !name || !signature) {
      return reply(res, 400, "Required headers missing: X-GitHub-Delivery, X-GitHub-Event, X-Hub-Signature-256");
    }
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) return reply(res, 415, "Content-Type must be application/json");
    let body: string;
    try {
      body = await readBody(req, settings.maxBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      log.warn({ deliveryId: id, event: name, reason: error.message }, "webhook refused: too large");
      return reply(res, 413, "Payload too large");
    }
    if (!(await signedByAny(settings.secrets, body, signature))) {
      log.warn({ deliveryId: id, event: name }, "webhook refused: signature does not match");
      return reply(res, 400, "Signature does not match the webhook secret");
    }
    verifiedEvent = name;
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      log.warn({ deliveryId: id, event: name }, "webhook refused: malformed JSON");
      return reply(res, 400, "Malformed JSON");
    }
    try {
      parsePayload(envelopeSchema, payload, name);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      log.warn({ deliveryId: id, event: name, reason: error.message }, "webhook refused: malformed payload");
      return reply(res, 400, error.message);
    }
    if (!settings.ready()) return reply(res, 503, "Database unavailable; GitHub can redeliver this later");
    const handled = probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
    const late = new Promise<"late">((resolve) => setTimeout(resolve, ANSWER_WITHIN_MS, "late").unref());
    try {
      if ((await Promise.race([handled, late])) === "late") {
        reply(res, 202, "Accepted");
        handled.catch((error: unknown) =>
          log.error({ deliveryId: id, event: name, err: error }, "webhook failed after it was acknowledged"),
        );
        return;
      }
      reply(res, 200, "OK");
    } catch (error) {
      const status = statusOf(error);
      if (status === 400) log.warn({ deliveryId: id, event: name, reason: (error as Error).message }, "webhook refused: malformed payload");
      else log.error({ deliveryId: id, event: name, status, err: error }, "webhook failed");
      reply(res, status, status === 400 ? (error as Error).message : "Webhook processing failed");
    }
  };
}

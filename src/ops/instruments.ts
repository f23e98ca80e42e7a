import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The app's Prometheus instruments on a registry of their own (never prom-client's global one), so
 * that each server, and each test, counts apart. Every label is app-wide: an outcome, an event name,
 * a kind of work, a status; never an installation, a repository or a person.
 */
export type Instruments = {
  registry: Registry;
  webhooks: Counter<"event" | "outcome">;
  webhookAcknowledgement: Histogram<"outcome">;
  githubRequests: Counter<"outcome">;
  githubRateLimitRemaining: Gauge<"resource">;
};

// GitHub marks a delivery failed without a 2xx within 10 s; the receiver acknowledges at 9 s.
const ACKNOWLEDGEMENT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type InstrumentsOptions = {
  /** prom-client's process and Node.js metrics (event-loop lag, heap, GC) under their standard names. Default true. */
  processMetrics?: boolean;
};

export function createInstruments(options: InstrumentsOptions = {}): Instruments {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    webhooks: new Counter({
      name: "satisfaction_bot_webhooks_received_total",
      help: "Webhook deliveries answered, by event (unverified before the signature matched) and outcome (the HTTP answer).",
      labelNames: ["event", "outcome"],
      registers,
    }),
    webhookAcknowledgement: new Histogram({
      name: "satisfaction_bot_webhook_acknowledgement_seconds",
      help: "Time from a webhook request's start to its answer, by outcome.",
      labelNames: ["outcome"],
      buckets: ACKNOWLEDGEMENT_BUCKETS,
      registers,
    }),
    githubRequests: new Counter({
      name: "satisfaction_bot_github_requests_total",
      help: "Requests to GitHub's API (after Octokit's own retries), by outcome: the status class, or network when no answer came.",
      labelNames: ["outcome"],
      registers,
    }),
    githubRateLimitRemaining: new Gauge({
      name: "satisfaction_bot_github_rate_limit_remaining",
      help: "x-ratelimit-remaining of GitHub's latest answer that carried it, by x-ratelimit-resource (core, graphql, ...).",
      labelNames: ["resource"],
      registers,
    }),
  };
}

/** The outcome of a webhook's HTTP answer: 200 ok, 202 accepted (answered before it finished), 503 unavailable, else refused (4xx) or failed. */
export function webhookOutcome(status: number): string {
  if (status === 200) return "ok";
  if (status === 202) return "accepted";
  if (status === 503) return "unavailable";
  return status >= 400 && status < 500 ? "refused" : "failed";
}

// GitHub's event names are lower-case words with underscores; anything else (or longer) is counted as other.
const EVENT_NAME = /^[a-z_]{1,40}$/;

/** Counts one answered webhook; `event` is the X-GitHub-Event of a delivery whose signature matched, else undefined. */
export function recordWebhook(instruments: Instruments, event: string | undefined, status: number, seconds: number): void {
  const outcome = webhookOutcome(status);
  const name = event === undefined ? "unverified" : EVENT_NAME.test(event) ? event : "other";
  instruments.webhooks.inc({ event: name, outcome });
  instruments.webhookAcknowledgement.observe({ outcome }, seconds);
}

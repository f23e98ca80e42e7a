import type { Logger } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { Options } from "probot";
import type { Instruments } from "../ops/instruments.js";
import { createInstruments } from "../ops/instruments.js";
import { requestMetrics } from "./request-metrics.js";

export type GitHubSettings = {
  APP_ID: string;
  privateKey: string;
  WEBHOOK_SECRET?: string | undefined;
  /** `<GHE_PROTOCOL>://<GHE_HOST>/api/v3` for GitHub Enterprise Server; GitHub's own API when undefined. */
  baseUrl: string | undefined;
  /**
   * REDIS_URL, for the server only: its instances then share GitHub's rate-limit throttling (Probot's
   * Bottleneck on ioredis). The CLI leaves it out: an open Redis connection would keep it from exiting.
   */
  redisUrl?: string | undefined;
};

// A GitHub call that hangs must not hold a sweep or a webhook forever.
export const GITHUB_TIMEOUT_MS = 10_000;

export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return globalThis.fetch(input, { ...init, signal });
  };
}

// One retry of a 5xx or a network failure in place: the sweep retries later anyway, and a GitHub that
// does not answer must not hold a sweep for minutes (Probot's default is three, with backoff).
const AppOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { ...(options.retry as object | undefined), retries: 1 },
}));

export type ProbotOptions = {
  /** Where every Octokit it creates (app and installation clients) counts its requests; fresh ones when left out. */
  instruments?: Instruments;
  Octokit?: typeof ProbotOctokit;
};

export function probotOptions(settings: GitHubSettings, log: Logger, options: ProbotOptions = {}): Options {
  const instruments = options.instruments ?? createInstruments({ processMetrics: false });
  return {
    appId: settings.APP_ID,
    privateKey: settings.privateKey,
    secret: settings.WEBHOOK_SECRET,
    baseUrl: settings.baseUrl,
    redisConfig: settings.redisUrl,
    log,
    request: { fetch: fetchWithTimeout(GITHUB_TIMEOUT_MS) },
    Octokit: (options.Octokit ?? AppOctokit).plugin(requestMetrics(instruments)),
  };
}

/** The one Probot instance of a process: webhooks for the server, installation tokens for everyone. */
export function createProbot(settings: GitHubSettings, log: Logger, options: ProbotOptions = {}): Probot {
  return new Probot(probotOptions(settings, log, options));
}

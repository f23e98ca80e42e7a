import type { Logger } from "pino";
import { Probot, ProbotOctokit } from "probot";

export type GitHubSettings = {
  APP_ID: string;
  privateKey: string;
  WEBHOOK_SECRET?: string | undefined;
  /** `<GHE_PROTOCOL>://<GHE_HOST>/api/v3` for GitHub Enterprise Server; GitHub's own API when undefined. */
  baseUrl: string | undefined;
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

/** The one Probot instance of a process: webhooks for the server, installation tokens for everyone. */
export function createProbot(settings: GitHubSettings, log: Logger, Octokit?: typeof ProbotOctokit): Probot {
  return new Probot({
    appId: settings.APP_ID,
    privateKey: settings.privateKey,
    secret: settings.WEBHOOK_SECRET,
    baseUrl: settings.baseUrl,
    log,
    request: { fetch: fetchWithTimeout(GITHUB_TIMEOUT_MS) },
    Octokit: Octokit ?? AppOctokit,
  });
}

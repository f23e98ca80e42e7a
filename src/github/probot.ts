import type { Logger } from "pino";
import { Probot } from "probot";
import type { ProbotOctokit } from "probot";

export type GitHubSettings = {
  APP_ID: string;
  privateKey: string;
  WEBHOOK_SECRET?: string | undefined;
  /** `<GHE_PROTOCOL>://<GHE_HOST>/api/v3` for GitHub Enterprise Server; GitHub's own API when undefined. */
  baseUrl: string | undefined;
};

// A GitHub call that hangs must not hold a sweep or a webhook forever.
export const GITHUB_TIMEOUT_MS = 20_000;

export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return globalThis.fetch(input, { ...init, signal });
  };
}

/** The one Probot instance of a process: webhooks for the server, installation tokens for everyone. */
export function createProbot(settings: GitHubSettings, log: Logger, Octokit?: typeof ProbotOctokit): Probot {
  return new Probot({
    appId: settings.APP_ID,
    privateKey: settings.privateKey,
    secret: settings.WEBHOOK_SECRET,
    baseUrl: settings.baseUrl,
    log,
    request: { fetch: fetchWithTimeout(GITHUB_TIMEOUT_MS) },
    ...(Octokit ? { Octokit } : {}),
  });
}

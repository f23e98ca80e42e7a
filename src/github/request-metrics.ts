import type { Instruments } from "../ops/instruments.js";

type Headers = Record<string, string | number | undefined>;
type HookedOctokit = {
  hook: {
    after(name: "request", hook: (response: { status: number; headers: Headers }) => void): void;
    error(name: "request", hook: (error: Error) => never): void;
  };
};

// GitHub's x-ratelimit-resource values (core, graphql, search, ...); anything else is counted as other.
const RESOURCE = /^[a-z_]{1,40}$/;

/** 2xx to 5xx from an answer's status; network when no answer came (refused, reset, timed out). */
export function requestOutcome(status: number | undefined): string {
  return status === undefined ? "network" : `${Math.floor(status / 100)}xx`;
}

function recordAnswer(instruments: Instruments, status: number | undefined, headers: Headers | undefined): void {
  instruments.githubRequests.inc({ outcome: requestOutcome(status) });
  const remaining = Number(headers?.["x-ratelimit-remaining"] ?? Number.NaN);
  if (!Number.isFinite(remaining)) return;
  const resource = String(headers?.["x-ratelimit-resource"] ?? "core");
  instruments.githubRateLimitRemaining.set({ resource: RESOURCE.test(resource) ? resource : "other" }, remaining);
}

/**
 * An Octokit plugin counting every request by outcome and keeping the rate limit's remaining from
 * the latest answer. Registered after Probot's retry and throttling plugins, it sees each call once,
 * with its final answer. Octokit throws on 304 and on every 4xx and 5xx: those arrive as errors.
 */
export function requestMetrics(instruments: Instruments) {
  return (octokit: HookedOctokit): void => {
    octokit.hook.after("request", (response) => recordAnswer(instruments, response.status, response.headers));
    octokit.hook.error("request", (error) => {
      const response = (error as { response?: { status: number; headers: Headers } }).response;
      recordAnswer(instruments, response?.status, response?.headers);
      throw error;
    });
  };
}

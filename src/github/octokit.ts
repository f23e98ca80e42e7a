import type { ProbotOctokit } from "probot";
import { z } from "zod";

export type Octokit = InstanceType<typeof ProbotOctokit>;

/** Gives an installation's authenticated Octokit (Probot's `auth`, or a test's). */
export type OctokitFor = (installationId: number) => Promise<Octokit>;

export function splitFullName(fullName: string): { owner: string; repo: string } {
  const [owner = "", repo = ""] = fullName.split("/");
  return { owner, repo };
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * For one run of the due work: one client per installation, and once a request of it fails without
 * an HTTP answer (GitHub unreachable, timed out), the installation is skipped for the rest of the
 * run, so an unreachable GitHub is waited on once per installation, not once per survey or summary.
 */
export function reachableOnce(octokitFor: OctokitFor): OctokitFor {
  const clients = new Map<number, Promise<Octokit>>();
  const unreachable = new Map<number, Error>();
  return async (installationId) => {
    const failure = unreachable.get(installationId);
    if (failure) throw failure;
    let client = clients.get(installationId);
    if (!client) {
      client = octokitFor(installationId).then((octokit) => {
        octokit.hook.before("request", () => {
          const failed = unreachable.get(installationId);
          if (failed) throw failed;
        });
        octokit.hook.error("request", (error: Error) => {
          // No response at all: the network failed or the request timed out (Octokit calls it a 500).
          if (!(error as { response?: unknown }).response) unreachable.set(installationId, error);
          throw error;
        });
        return octokit;
      });
      clients.set(installationId, client);
    }
    return client;
  };
}

/** A 403 telling that the installation is suspended: its work waits, it is not a failure of the work. */
export function isSuspension(error: unknown): boolean {
  return httpStatus(error) === 403 && /suspended/i.test((error as Error).message ?? "");
}

// Answers about an issue that no retry can change: the issue or repository is gone, or the issue is
// locked (403 and 422 on a comment).
const REFUSALS = new Set([403, 404, 410, 422]);

// The same through GraphQL, whose errors come in a 200 answer: the discussion is gone, locked, or not to be written to.
const GRAPHQL_REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "UNPROCESSABLE"]);

const graphqlErrorSchema = z.object({
  name: z.literal("GraphqlResponseError"),
  errors: z.array(z.object({ type: z.string().optional() })).default([]),
});

/** The error types of a GraphQL answer that held errors (Octokit's GraphqlResponseError); empty for anything else. */
export function graphqlErrorTypes(error: unknown): string[] {
  const parsed = graphqlErrorSchema.safeParse(error);
  return parsed.success ? parsed.data.errors.map((each) => each.type ?? "") : [];
}

/** GitHub refuses a write to an issue or discussion for good (not a rate limit, not a suspension): no retry can change it. */
export function isFinalRefusal(error: unknown): boolean {
  if (graphqlErrorTypes(error).some((type) => GRAPHQL_REFUSALS.has(type))) return true;
  if (isRateLimit(error) || isSuspension(error)) return false;
  return REFUSALS.has(httpStatus(error) ?? 0);
}

/** A primary or secondary rate limit (403 or 429 saying so, or with the limit's headers). */
export function isRateLimit(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== 403 && status !== 429) return false;
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  return (
    status === 429 ||
    headers["retry-after"] !== undefined ||
    headers["x-ratelimit-remaining"] === "0" ||
    /rate limit/i.test((error as Error).message ?? "")
  );
}

/**
 * When to try again after a failed GitHub call: as GitHub says for a rate limit (`retry-after`, else
 * `x-ratelimit-reset`, else a minute at least), otherwise after `fallbackMs`.
 */
export function retryAt(error: unknown, now: Date, fallbackMs: number): Date {
  if (!isRateLimit(error)) return new Date(now.getTime() + fallbackMs);
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  const after = Number(headers["retry-after"]);
  if (Number.isFinite(after) && after > 0) return new Date(now.getTime() + after * 1000);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset)) return new Date(Math.max(reset * 1000, now.getTime() + 60_000));
  return new Date(now.getTime() + Math.max(fallbackMs, 60_000));
}

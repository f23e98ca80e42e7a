import type { ProbotOctokit } from "probot";

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

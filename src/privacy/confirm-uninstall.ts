import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import type { UninstallRequest } from "../queries/installations.js";
import { clearUninstallRequest, deleteInstallation, pendingUninstalls, setInstallationSuspended } from "../queries/installations.js";

/** `appOctokit` is authenticated as the app itself (its JWT); without it nothing is confirmed, so nothing is erased. */
export type ConfirmUninstallDeps = { db: Db; log: Logger; appOctokit?: (() => Promise<Octokit>) | undefined };

type Answer = { gone: true } | { gone: false; suspendedAt: Date | null };

/** What GitHub says of the installation: gone (404), or still there; any other failure is thrown. */
async function askGitHub(octokit: Octokit, installationId: number): Promise<Answer> {
  try {
    const { data } = await octokit.rest.apps.getInstallation({ installation_id: installationId });
    return { gone: false, suspendedAt: data.suspended_at ? new Date(data.suspended_at) : null };
  } catch (error) {
    if (httpStatus(error) === 404) return { gone: true };
    throw error;
  }
}

async function settle(deps: ConfirmUninstallDeps, request: UninstallRequest, answer: Answer): Promise<boolean> {
  const { installationId } = request;
  if (answer.gone) {
    await deps.db.transaction((tx) => deleteInstallation(tx, installationId));
    deps.log.info({ installationId }, "installation erased: GitHub confirmed the uninstall");
    return true;
  }
  await deps.db.transaction(async (tx) => {
    await clearUninstallRequest(tx, request);
    if (answer.suspendedAt) await setInstallationSuspended(tx, installationId, answer.suspendedAt);
  });
  deps.log.warn({ installationId, suspended: answer.suspendedAt !== null }, "installation.deleted not confirmed by GitHub; data kept");
  return false;
}

/**
 * Settles the uninstalls the webhook recorded by asking GitHub, as the app, about each installation
 * (`GET /app/installations/{id}`): a 404 erases every row of it; an installation still there
 * (suspended or not) keeps its data and the request is dropped; any other failure leaves the
 * request for the next run. Returns how many installations were erased.
 */
export async function confirmUninstalls(deps: ConfirmUninstallDeps, now: Date): Promise<number> {
  if (!deps.appOctokit) return 0;
  const requests = await pendingUninstalls(deps.db);
  if (requests.length === 0) return 0;
  let erased = 0;
  for (const request of requests) {
    try {
      const answer = await askGitHub(await deps.appOctokit(), request.installationId);
      if (await settle(deps, request, answer)) erased++;
    } catch (error) {
      const waitingMs = now.getTime() - request.requestedAt.getTime();
      // Octokit calls a request that got no answer a 500: only a real answer's status is logged.
      const status = (error as { response?: unknown }).response ? httpStatus(error) : undefined;
      deps.log.warn(
        { installationId: request.installationId, status, waitingMs, err: error },
        "uninstall not confirmed: GitHub did not answer; asked again at the next sweep",
      );
    }
  }
  return erased;
}

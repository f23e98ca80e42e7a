import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit, OctokitFor } from "../github/octokit.js";
import { claimDueConfigChecks, releaseConfigCheck } from "../queries/config-checks.js";
import type { CheckOutcome } from "./post-config-check.js";
import { postConfigCheck } from "./post-config-check.js";

export type ConfigCheckDeps = { db: Db; log: Logger; octokitFor: OctokitFor };

// Checks come one per push that changes the file: a batch a run is plenty.
const BATCH = 50;
const RETRY_AFTER_AUTH_FAILURE_MS = 10 * 60_000;

/** The configuration checks due at `now` (retries of failed posts); safe from several instances at once. */
export async function sweepConfigChecks(deps: ConfigCheckDeps, now: Date): Promise<Record<CheckOutcome, number>> {
  const tally: Record<CheckOutcome, number> = { posted: 0, deferred: 0, retry: 0, failed: 0 };
  for (const check of await claimDueConfigChecks(deps.db, now, BATCH)) {
    let octokit: Octokit;
    try {
      octokit = await deps.octokitFor(check.installationId);
    } catch (error) {
      deps.log.error({ installationId: check.installationId, err: error }, "cannot authenticate as installation; its configuration check waits");
      const at = new Date(now.getTime() + RETRY_AFTER_AUTH_FAILURE_MS);
      await releaseConfigCheck(deps.db, check, { at, error: (error as Error).message, counted: false });
      tally.retry++;
      continue;
    }
    tally[await postConfigCheck(deps, octokit, check, now)]++;
  }
  return tally;
}

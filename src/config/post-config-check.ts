import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { httpStatus, isRateLimit, isSuspension, retryAt, splitFullName } from "../github/octokit.js";
import { createCheckRun, findCheckRun } from "../github/summary-outputs.js";
import type { ClaimedConfigCheck } from "../queries/config-checks.js";
import { markConfigCheckFailed, markConfigCheckPosted, releaseConfigCheck } from "../queries/config-checks.js";
import { setInstallationSuspended } from "../queries/installations.js";
import { takeWrite } from "../queries/write-budget.js";
import { CONFIG_CHECK_NAME, configCheckOutput } from "./config-check.js";
import { loadRepositoryConfig } from "./load-config.js";
import { recordConfigLoad } from "./repository-config.js";

export const MAX_CHECK_ATTEMPTS = 8;

export type CheckOutcome = "posted" | "deferred" | "retry" | "failed";

/**
 * Retrying cannot help: the commit or the repository is gone, GitHub refuses the check run, or the
 * installation lacks the checks permission (a 403 that is neither a rate limit nor a suspension).
 */
const isFinal = (error: unknown) => [403, 404, 410, 422].includes(httpStatus(error) ?? 0);

async function validateAndPost(deps: { db: Db; log: Logger }, octokit: Octokit, check: ClaimedConfigCheck): Promise<number> {
  const { owner, repo } = splitFullName(check.fullName);
  const load = await loadRepositoryConfig(octokit, owner, repo, check.headSha);
  // A retry of an older push must not put its file back in force over a newer one.
  if (check.onDefaultBranch && check.latest) {
    await recordConfigLoad(deps.db, { installationId: check.installationId, repositoryId: check.repositoryId, fullName: check.fullName }, load, deps.log);
  }
  const externalId = `config:${check.headSha}`;
  const earlier = check.attempts > 1 ? await findCheckRun(octokit, check.fullName, check.headSha, CONFIG_CHECK_NAME, externalId) : null;
  if (earlier !== null) return earlier;
  return createCheckRun(octokit, check.fullName, {
    name: CONFIG_CHECK_NAME,
    headSha: check.headSha,
    conclusion: load.ok ? "success" : "failure",
    output: configCheckOutput(load, check.fullName, check.onDefaultBranch),
    externalId,
  });
}

/**
 * Validates the configuration file of a pushed commit and shows the result as a check run on it.
 * A failure is stored for the sweep to retry with backoff; after the last attempt, or when retrying
 * cannot help, the check ends as 'failed' with its error.
 */
export async function postConfigCheck(deps: { db: Db; log: Logger }, octokit: Octokit, check: ClaimedConfigCheck, now: Date): Promise<CheckOutcome> {
  const context = { installationId: check.installationId, repositoryId: check.repositoryId, configCheckId: check.id, attempts: check.attempts };
  if (!(await takeWrite(deps.db, check.installationId))) {
    await releaseConfigCheck(deps.db, check, { at: new Date(now.getTime() + 60_000), error: null, counted: false });
    deps.log.info(context, "write budget of the minute spent; configuration check deferred");
    return "deferred";
  }
  try {
    const checkRunId = await validateAndPost(deps, octokit, check);
    await markConfigCheckPosted(deps.db, check, checkRunId);
    deps.log.info({ ...context, checkRunId }, "configuration check posted");
    return "posted";
  } catch (error) {
    const message = (error as Error).message;
    if (isSuspension(error)) await setInstallationSuspended(deps.db, check.installationId, now);
    const waits = isRateLimit(error) || isSuspension(error);
    if (!waits && (isFinal(error) || check.attempts >= MAX_CHECK_ATTEMPTS)) {
      await markConfigCheckFailed(deps.db, check, message);
      deps.log.error({ ...context, err: error }, "configuration check failed: not posted");
      return "failed";
    }
    const at = retryAt(error, now, Math.min(2 ** check.attempts, 60) * 60_000);
    await releaseConfigCheck(deps.db, check, { at, error: message, counted: !waits });
    deps.log.warn({ ...context, retryAt: at, err: error }, "configuration check not posted; will retry");
    return "retry";
  }
}

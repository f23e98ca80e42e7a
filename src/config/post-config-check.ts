import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { splitFullName } from "../github/octokit.js";
import { createCheckRun, findCheckRun } from "../github/summary-outputs.js";
import type { ConfigCheckForWork } from "../queries/config-checks.js";
import { configCheckForWork, markConfigCheckPosted, POST_CONFIG_CHECK } from "../queries/config-checks.js";
import { moveSubjectStatus } from "../queries/retry.js";
import { takeWrite } from "../queries/write-budget.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { CONFIG_CHECK_NAME, configCheckOutput } from "./config-check.js";
import { loadRepositoryConfig } from "./load-config.js";
import { recordConfigLoad } from "./repository-config.js";

async function validateAndPost(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  check: ConfigCheckForWork,
  attempts: number,
): Promise<number> {
  const { owner, repo } = splitFullName(check.fullName);
  const load = await loadRepositoryConfig(octokit, owner, repo, check.headSha);
  // A retry of an older push must not put its file back in force over a newer one.
  if (check.onDefaultBranch && check.latest) {
    await recordConfigLoad(
      deps.db,
      { installationId: check.installationId, repositoryId: check.repositoryId, fullName: check.fullName },
      load,
      deps.log,
    );
  }
  const externalId = `config:${check.headSha}`;
  const earlier = attempts > 1 ? await findCheckRun(octokit, check.fullName, check.headSha, CONFIG_CHECK_NAME, externalId) : null;
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
 * Validating the configuration file of a pushed commit and showing the result as a check run on it.
 * Retrying cannot help when the commit or the repository is gone, GitHub refuses the check run, or
 * the installation lacks the checks permission (a 403 that is neither a rate limit nor a
 * suspension): the check ends 'failed' at once, as after the last attempt.
 */
export const postConfigCheck: WorkKind = {
  name: POST_CONFIG_CHECK,
  maxAttempts: 8,
  finalStatuses: [403, 404, 410, 422],
  async handle({ db, log, octokit, now }, item) {
    const check = await configCheckForWork(db, item.installationId, Number(item.key));
    if (check?.status !== "pending") return done("already_done");
    const context = {
      installationId: check.installationId,
      repositoryId: check.repositoryId,
      configCheckId: check.id,
      attempts: item.attempts,
    };
    if (!(await takeWrite(db, check.installationId))) {
      log.info(context, "write budget of the minute spent; configuration check deferred");
      return { deferred: new Date(now.getTime() + 60_000) };
    }
    const checkRunId = await validateAndPost({ db, log }, octokit, check, item.attempts);
    await markConfigCheckPosted(db, check, checkRunId);
    log.info({ ...context, checkRunId }, "configuration check posted");
    return done("posted");
  },
  onFailed: (tx, item) =>
    moveSubjectStatus(
      tx,
      "config_checks",
      { installationId: item.installationId, id: Number(item.key) },
      { from: "pending", to: "failed" },
    ),
  async onRetry(tx, item) {
    await moveSubjectStatus(
      tx,
      "config_checks",
      { installationId: item.installationId, id: Number(item.key) },
      { from: "failed", to: "pending" },
    );
    return null;
  },
};

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { CONFIG_CHECK_NAME, configCheckOutput } from "../config/config-check.js";
import { CONFIG_PATH, loadRepositoryConfig } from "../config/load-config.js";
import { recordConfigLoad } from "../config/repository-config.js";
import { splitFullName } from "../github/octokit.js";
import { createCheckRun } from "../github/summary-outputs.js";
import { pushEventSchema } from "../payloads.js";
import { expireOrganizationConfig } from "../queries/organization-configs.js";
import { expireStoredConfigs } from "../queries/repository-configs.js";
import { recordRepository } from "../tracking/record-repository.js";
import { handleOnce } from "./apply-once.js";

/**
 * A push that changes .github/satisfaction.yml: the file at that commit is validated and the result
 * shown as a "Satisfaction configuration" check run on it; on the default branch it takes effect
 * (a broken one keeps the last good configuration). A change in the organisation's .github
 * repository makes every repository's configuration load again.
 */
export function push(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const result = await handleOnce(deps, context, pushEventSchema, async (tx, event) => {
      const touched = event.commits.some((commit) => [...commit.added, ...commit.modified, ...commit.removed].includes(CONFIG_PATH));
      if (!touched || event.deleted || !event.ref.startsWith("refs/heads/")) return null;
      await recordRepository(tx, event.installation.id, event.repository);
      if (event.repository.name === ".github") {
        await expireStoredConfigs(tx, event.installation.id);
        await expireOrganizationConfig(tx, event.installation.id);
      }
      return event;
    });
    if (!result.applied || result.value === null) return;
    const event = result.value;
    const { owner, repo } = splitFullName(event.repository.full_name);
    const onDefaultBranch = event.ref === `refs/heads/${event.repository.default_branch}`;
    const target = { installationId: result.installationId, repositoryId: event.repository.id, fullName: event.repository.full_name };
    try {
      const load = await loadRepositoryConfig(context.octokit, owner, repo, event.after);
      if (onDefaultBranch) await recordConfigLoad(deps.db, target, load, context.log);
      await createCheckRun(context.octokit, event.repository.full_name, {
        name: CONFIG_CHECK_NAME,
        headSha: event.after,
        conclusion: load.ok ? "success" : "failure",
        output: configCheckOutput(load, event.repository.full_name, onDefaultBranch),
        externalId: `config:${event.after}`,
      });
    } catch (error) {
      // The stored configuration refreshes within the hour anyway; only the check run is lost.
      context.log.error({ deliveryId: context.id, repositoryId: target.repositoryId, err: error }, "configuration check failed");
    }
  };
}

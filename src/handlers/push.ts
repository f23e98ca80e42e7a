import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { CONFIG_PATH } from "../config/load-config.js";
import { pushEventSchema } from "../payloads.js";
import { enqueueConfigCheck, POST_CONFIG_CHECK } from "../queries/config-checks.js";
import { expireOrganizationConfig } from "../queries/organization-configs.js";
import { expireStoredConfig, expireStoredConfigs } from "../queries/repository-configs.js";
import { ensureRepository } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/**
 * A push that changes .github/satisfaction.yml: the file at that commit is validated and the result
 * shown as a "Satisfaction configuration" check run on it; on the default branch it takes effect
 * (a broken one keeps the last good configuration). A change in the organisation's .github
 * repository makes every repository's configuration load again. The check is stored with the
 * delivery and posted right after the answer; the work engine retries it if GitHub fails.
 */
export function push(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const result = await handleOnce(deps, context, pushEventSchema, async (tx, event) => {
      const touched = event.commits.some((commit) => [...commit.added, ...commit.modified, ...commit.removed].includes(CONFIG_PATH));
      if (!touched || event.deleted || !event.ref.startsWith("refs/heads/")) return null;
      const installationId = event.installation.id;
      const repositoryId = event.repository.id;
      const onDefaultBranch = event.ref === `refs/heads/${event.repository.default_branch}`;
      await ensureRepository(tx, installationId, event.repository);
      // Until the check has read the new file, the next use reads it from GitHub.
      if (onDefaultBranch) await expireStoredConfig(tx, { installationId, repositoryId });
      if (event.repository.name === ".github") {
        await expireStoredConfigs(tx, installationId);
        await expireOrganizationConfig(tx, installationId);
      }
      const at = deps.clock();
      return enqueueConfigCheck(tx, { installationId, repositoryId, headSha: event.after, onDefaultBranch, at });
    });
    if (!result.applied || result.value === null) return;
    const { installationId } = result;
    const refs = [{ installationId, kind: POST_CONFIG_CHECK, key: String(result.value) }];
    await deps.work({ installationId, octokit: context.octokit, log: context.log, refs });
  };
}

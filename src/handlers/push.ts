import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { CONFIG_PATH } from "../config/load-config.js";
import type { Queryable } from "../db/types.js";
import { pushedPaths, queueFaqRefresh } from "../knowledge/queue-faq-refresh.js";
import type { PushEvent } from "../payloads.js";
import { pushEventSchema } from "../payloads.js";
import { enqueueConfigCheck, POST_CONFIG_CHECK } from "../queries/config-checks.js";
import { expireOrganizationConfig } from "../queries/organization-configs.js";
import { expireStoredConfig, expireStoredConfigs } from "../queries/repository-configs.js";
import { ensureRepository } from "../queries/repositories.js";
import type { WorkRef } from "../queries/work.js";
import { handleOnce } from "./apply-once.js";

/** A push that changes the configuration file: its check is stored and queued; on the default branch the stored configuration expires. */
async function configPush(tx: Queryable, event: PushEvent, at: Date): Promise<WorkRef> {
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
  const checkId = await enqueueConfigCheck(tx, { installationId, repositoryId, headSha: event.after, onDefaultBranch, at });
  return { installationId, kind: POST_CONFIG_CHECK, key: String(checkId) };
}

/**
 * A push that changes .github/satisfaction.yml: the file at that commit is validated and the result
 * shown as a "Satisfaction configuration" check run on it; on the default branch it takes effect
 * (a broken one keeps the last good configuration). A change in the organisation's .github
 * repository makes every repository's configuration load again. The check is stored with the
 * delivery and posted right after the answer; the work engine retries it if GitHub fails. On the
 * default branch, such a push, or one that touches a configured FAQ file, also refreshes the
 * knowledge base's FAQ.
 */
export function push(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const result = await handleOnce(deps, context, pushEventSchema, async (tx, event) => {
      if (event.deleted || !event.ref.startsWith("refs/heads/")) return [];
      const configChanged = pushedPaths(event).has(CONFIG_PATH);
      const at = deps.clock();
      const refs = configChanged ? [await configPush(tx, event, at)] : [];
      const faq = await queueFaqRefresh(tx, event, configChanged, at);
      return faq ? [...refs, faq] : refs;
    });
    if (!result.applied || result.value.length === 0) return;
    const { installationId } = result;
    await deps.work({ installationId, octokit: context.octokit, log: context.log, refs: result.value });
  };
}

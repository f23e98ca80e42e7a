import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { queueWebhookBackfill } from "../backfill/queue-backfill.js";
import { installationRepositoriesSchema } from "../payloads.js";
import { upsertInstallation } from "../queries/installations.js";
import { upsertRepository } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/** Repositories added to the installation: their recent history is imported (backfill) right after the answer. */
export function installationRepositoriesAdded(deps: AppDeps) {
  return async (context: Context<"installation_repositories.added">): Promise<void> => {
    const result = await handleOnce(deps, context, installationRepositoriesSchema, async (tx, event) => {
      await upsertInstallation(tx, { id: event.installation.id, accountLogin: event.installation.account?.login });
      for (const repository of event.repositories_added) await upsertRepository(tx, event.installation.id, repository, { reinstate: true });
      return queueWebhookBackfill(tx, deps, event.installation.id, event.repositories_added);
    });
    if (!result.applied || !result.value) return;
    await deps.work({ installationId: result.installationId, octokit: context.octokit, log: context.log, refs: [result.value.ref] });
  };
}

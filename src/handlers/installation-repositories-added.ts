import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationRepositoriesSchema } from "../payloads.js";
import { upsertInstallation } from "../queries/installations.js";
import { upsertRepository } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/** Repositories added to the installation. */
export function installationRepositoriesAdded(deps: AppDeps) {
  return async (context: Context<"installation_repositories.added">): Promise<void> => {
    await handleOnce(deps, context, installationRepositoriesSchema, async (tx, event) => {
      await upsertInstallation(tx, { id: event.installation.id, accountLogin: event.installation.account?.login });
      for (const repository of event.repositories_added) await upsertRepository(tx, event.installation.id, repository, { reinstate: true });
    });
  };
}

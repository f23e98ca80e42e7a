import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationRepositoriesSchema } from "../payloads.js";
import { markRepositoryRemoved } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/**
 * Repositories taken out of the installation: their surveys stop (the app can no longer read
 * them); their history stays in the installation's reports until the app is uninstalled.
 */
export function installationRepositoriesRemoved(deps: AppDeps) {
  return async (context: Context<"installation_repositories.removed">): Promise<void> => {
    await handleOnce(deps, context, installationRepositoriesSchema, async (tx, event) => {
      for (const repository of event.repositories_removed) {
        await markRepositoryRemoved(tx, event.installation.id, repository.id, deps.clock());
      }
    });
  };
}

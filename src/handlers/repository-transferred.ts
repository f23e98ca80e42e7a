import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { repositoryEventSchema } from "../payloads.js";
import { installationAccountLogin } from "../queries/installations.js";
import { ensureRepository, markRepositoryRemoved } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/**
 * A transferred repository. GitHub sends the event to the new owner's installation: there the
 * repository is refreshed (its new name, its visibility). Received by an installation whose account
 * is not the new owner, the repository has left it and is removed, as one taken out of the installation.
 */
export function repositoryTransferred(deps: AppDeps) {
  return async (context: Context<"repository.transferred">): Promise<void> => {
    await handleOnce(deps, context, repositoryEventSchema, async (tx, event) => {
      const { installation, repository } = event;
      const account = await installationAccountLogin(tx, installation.id);
      if (account?.toLowerCase() === repository.owner.login.toLowerCase()) return ensureRepository(tx, installation.id, repository);
      await markRepositoryRemoved(tx, installation.id, repository.id, deps.clock());
    });
  };
}

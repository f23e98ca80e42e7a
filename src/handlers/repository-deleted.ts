import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { repositoryEventSchema } from "../payloads.js";
import { markRepositoryRemoved } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/** A deleted repository is removed as one taken out of the installation: its surveys stop, its history stays. */
export function repositoryDeleted(deps: AppDeps) {
  return async (context: Context<"repository.deleted">): Promise<void> => {
    await handleOnce(deps, context, repositoryEventSchema, (tx, event) =>
      markRepositoryRemoved(tx, event.installation.id, event.repository.id, deps.clock()),
    );
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { repositoryEventSchema } from "../payloads.js";
import { ensureRepository } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/**
 * A repository made public or private, or renamed: the stored row follows (its visibility decides
 * what the badge and the organisation summary may show of it). A removed repository stays removed.
 */
export function repositoryChanged(deps: AppDeps) {
  return async (context: Context<"repository.publicized" | "repository.privatized" | "repository.renamed">): Promise<void> => {
    await handleOnce(deps, context, repositoryEventSchema, (tx, event) => ensureRepository(tx, event.installation.id, event.repository));
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationEventSchema } from "../payloads.js";
import { requestUninstall } from "../queries/installations.js";
import { handleOnce } from "./apply-once.js";

/**
 * An uninstall is only recorded here: a replayed or forged delivery must not erase anything, so the
 * due work erases the installation once GitHub confirms it is gone (privacy/confirm-uninstall.ts).
 */
export function installationDeleted(deps: AppDeps) {
  return async (context: Context<"installation.deleted">): Promise<void> => {
    const outcome = await handleOnce(deps, context, installationEventSchema, (tx, event) =>
      requestUninstall(tx, event.installation.id, deps.clock()),
    );
    if (outcome.applied) {
      context.log.info({ installationId: outcome.installationId }, "uninstall recorded; erased once GitHub confirms it");
    }
  };
}

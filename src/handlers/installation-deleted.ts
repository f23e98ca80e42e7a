import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationEventSchema } from "../payloads.js";
import { deleteInstallation } from "../queries/installations.js";
import { handleOnce } from "./apply-once.js";

/** An uninstalled app forgets everything it stored for that installation. */
export function installationDeleted(deps: AppDeps) {
  return async (context: Context<"installation.deleted">): Promise<void> => {
    await handleOnce(deps, context, installationEventSchema, (tx, event) => deleteInstallation(tx, event.installation.id));
  };
}

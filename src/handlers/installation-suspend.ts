import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationEventSchema } from "../payloads.js";
import { setInstallationSuspended, upsertInstallation } from "../queries/installations.js";
import { handleOnce } from "./apply-once.js";

/** A suspended installation's surveys wait: no token can be had for it until it is unsuspended. */
export function installationSuspend(deps: AppDeps) {
  return async (context: Context<"installation.suspend">): Promise<void> => {
    await handleOnce(deps, context, installationEventSchema, async (tx, event) => {
      await upsertInstallation(tx, { id: event.installation.id });
      await setInstallationSuspended(tx, event.installation.id, event.installation.suspended_at ?? deps.clock());
    });
  };
}

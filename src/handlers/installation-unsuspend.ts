import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationEventSchema } from "../payloads.js";
import { setInstallationSuspended, upsertInstallation } from "../queries/installations.js";
import { handleOnce } from "./apply-once.js";

/** An unsuspended installation's surveys are worked again by the next sweep. */
export function installationUnsuspend(deps: AppDeps) {
  return async (context: Context<"installation.unsuspend">): Promise<void> => {
    await handleOnce(deps, context, installationEventSchema, async (tx, event) => {
      await upsertInstallation(tx, { id: event.installation.id });
      await setInstallationSuspended(tx, event.installation.id, null);
    });
  };
}

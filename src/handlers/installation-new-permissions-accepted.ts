import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationEventSchema } from "../payloads.js";
import { recordInstallation } from "../tracking/record-installation.js";
import { handleOnce } from "./apply-once.js";

/** New permissions accepted: the installation is refreshed (it may have been missed before). */
export function installationNewPermissionsAccepted(deps: AppDeps) {
  return async (context: Context<"installation.new_permissions_accepted">): Promise<void> => {
    await handleOnce(deps, context, installationEventSchema, recordInstallation);
  };
}

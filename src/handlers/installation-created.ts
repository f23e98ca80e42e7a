import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { installationEventSchema } from "../payloads.js";
import { recordInstallation } from "../tracking/record-installation.js";
import { handleOnce } from "./apply-once.js";

/** A new installation: its account and the repositories it was given. */
export function installationCreated(deps: AppDeps) {
  return async (context: Context<"installation.created">): Promise<void> => {
    await handleOnce(deps, context, installationEventSchema, recordInstallation);
  };
}

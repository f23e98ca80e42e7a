import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { queueWebhookBackfill } from "../backfill/queue-backfill.js";
import { installationEventSchema } from "../payloads.js";
import { recordInstallation } from "../tracking/record-installation.js";
import { handleOnce } from "./apply-once.js";

/**
 * A new installation: its account and the repositories it was given, whose recent history is
 * imported (backfill) right after the answer, a repository at a time.
 */
export function installationCreated(deps: AppDeps) {
  return async (context: Context<"installation.created">): Promise<void> => {
    const result = await handleOnce(deps, context, installationEventSchema, async (tx, event) => {
      await recordInstallation(tx, event);
      return queueWebhookBackfill(tx, deps, event.installation.id, event.repositories ?? []);
    });
    if (!result.applied || !result.value) return;
    await deps.work({ installationId: result.installationId, octokit: context.octokit, log: context.log, refs: [result.value.ref] });
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { keepSearchDocument } from "../knowledge/support-issue.js";
import { recordClose } from "../tracking/record-close.js";
import { ensureRepository } from "../queries/repositories.js";
import { applyOnce, validateDelivery } from "./apply-once.js";
import { ASK_SURVEY } from "../queries/surveys.js";

/**
 * A closed issue opens a survey for its reporter when it qualifies under the repository's
 * configuration, and asks right after the answer (the survey and its work are stored first, so nothing is lost).
 * With the knowledge base on, such a close of a support issue also keeps the issue's text to search.
 */
export function issuesClosed(deps: AppDeps) {
  return async (context: Context<"issues.closed">): Promise<void> => {
    const delivery = validateDelivery(context, issueEventSchema);
    if (!delivery) return;
    const { installationId, event, eventName } = delivery;
    const { repository } = event;
    // The configuration is stored per repository, so the repository is recorded first.
    await ensureRepository(deps.db, installationId, repository);
    const target = { installationId, repositoryId: repository.id, fullName: repository.full_name };
    const { config } = await deps.config(context.octokit, target, context.log);
    const result = await applyOnce(deps, { ...context, name: eventName }, installationId, async (tx) => {
      const close = await recordClose(tx, event, config);
      if (close.surveyId !== null) await keepSearchDocument(tx, event, config);
      return close;
    });
    if (!result.applied) return;
    if (result.value.surveyId === null) {
      context.log.info({ deliveryId: context.id, reason: result.value.reason }, "no survey for this close");
      return;
    }
    const refs = [{ installationId, kind: ASK_SURVEY, key: String(result.value.surveyId) }];
    await deps.work({ installationId, octokit: context.octokit, log: context.log, refs });
  };
}

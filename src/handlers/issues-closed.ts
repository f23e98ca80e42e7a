import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueEventSchema } from "../payloads.js";
import { keepSearchDocument } from "../knowledge/support-issue.js";
import { recordClose } from "../tracking/record-close.js";
import { ensureRepository } from "../queries/repositories.js";
import { applyOnce, validateDelivery } from "./apply-once.js";
import { askAfterAnswer } from "./ask-after-answer.js";

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
    if (result.applied) await askAfterAnswer(deps, context, installationId, result.value);
  };
}

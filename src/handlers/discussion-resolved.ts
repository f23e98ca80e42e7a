import type { Logger } from "pino";
import type { AppDeps } from "../app-deps.js";
import type { DiscussionEvent } from "../discussions/payloads.js";
import type { Resolution } from "../discussions/resolve-discussion.js";
import { resolveDiscussion } from "../discussions/resolve-discussion.js";
import type { Octokit } from "../github/octokit.js";
import { ensureRepository } from "../queries/repositories.js";
import { askAfterAnswer } from "./ask-after-answer.js";
import type { DeliveryContext, ValidDelivery } from "./apply-once.js";
import { applyOnce } from "./apply-once.js";

/**
 * The common path of discussion.answered and discussion.closed: a question (Q&A category) resolved
 * opens a survey for its author when it qualifies under the repository's configuration, asked right
 * after the answer. Any other discussion is ignored before the configuration is read.
 */
export async function askOnResolution<E extends DiscussionEvent>(
  deps: AppDeps,
  context: DeliveryContext & { octokit: Octokit; log: Logger },
  delivery: ValidDelivery<E>,
  resolution: (event: E) => Resolution,
): Promise<void> {
  const { installationId, event, eventName } = delivery;
  if (!event.discussion.category.is_answerable) {
    context.log.info({ deliveryId: context.id, event: eventName }, "discussion outside a Q&A category ignored");
    return;
  }
  const { repository } = event;
  // The configuration is stored per repository, so the repository is recorded first.
  await ensureRepository(deps.db, installationId, repository);
  const target = { installationId, repositoryId: repository.id, fullName: repository.full_name };
  const { config } = await deps.config(context.octokit, target, context.log);
  const result = await applyOnce(deps, { ...context, name: eventName }, installationId, (tx) =>
    resolveDiscussion(tx, event, resolution(event), config),
  );
  if (result.applied) await askAfterAnswer(deps, context, installationId, result.value);
}

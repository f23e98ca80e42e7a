import type { Queryable } from "../db/types.js";
import { deleteIssue, moveIssue, recordReopenTime } from "../queries/issues.js";
import { dropUnaskedDiscussion } from "../queries/discussions.js";
import { ensureRepository } from "../queries/repositories.js";
import { cancelOpenSurveys } from "../queries/surveys.js";
import type { DiscussionEvent } from "./payloads.js";
import { discussionKey, recordDiscussion } from "./record-discussion.js";

/**
 * A question reopened, or its answer unmarked: an answer or close known to come before this no longer
 * asks (events arrive in any order), and a survey not posted yet is cancelled. A survey already posted
 * stays: its author was asked, and is never asked twice about one discussion.
 */
export async function reopenDiscussion(tx: Queryable, event: DiscussionEvent): Promise<{ cancelled: number }> {
  const stored = await recordDiscussion(tx, event);
  if (!stored) return { cancelled: 0 };
  const reopenedAt = event.discussion.updated_at;
  await recordReopenTime(tx, stored.key, reopenedAt);
  return { cancelled: await cancelOpenSurveys(tx, stored.key, reopenedAt, true) };
}

/** Moved to another category: followed from a Q&A one, dropped (unless its author was asked) from any other. */
export async function recategorizeDiscussion(tx: Queryable, event: DiscussionEvent): Promise<void> {
  if (event.discussion.category.is_answerable) await recordDiscussion(tx, event);
  else await dropUnaskedDiscussion(tx, discussionKey(event));
}

/** A deleted discussion takes what is stored of it with it (surveys, experiences), as a deleted issue does. */
export async function deleteDiscussion(tx: Queryable, event: DiscussionEvent): Promise<void> {
  await deleteIssue(tx, discussionKey(event));
}

/** A transferred discussion moves, with its surveys and experiences, to its new repository and number. */
export async function transferDiscussion(
  tx: Queryable,
  event: DiscussionEvent & { changes: { new_discussion: { number: number }; new_repository: DiscussionEvent["repository"] } },
): Promise<void> {
  const { new_repository: repository, new_discussion: discussion } = event.changes;
  await ensureRepository(tx, event.installation.id, repository);
  await moveIssue(tx, discussionKey(event), {
    installationId: event.installation.id,
    repositoryId: repository.id,
    number: discussion.number,
  });
}

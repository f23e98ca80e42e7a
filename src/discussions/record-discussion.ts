import type { Queryable } from "../db/types.js";
import type { DiscussionFields } from "../queries/discussions.js";
import { upsertDiscussion } from "../queries/discussions.js";
import type { IssueKey } from "../queries/issues.js";
import { ensureRepository } from "../queries/repositories.js";
import type { DiscussionEvent } from "./payloads.js";

export function discussionKey(event: DiscussionEvent): IssueKey {
  return { installationId: event.installation.id, repositoryId: event.repository.id, number: event.discussion.number };
}

/**
 * What is stored of a discussion. It counts as closed once its answer is marked (at the answer's time)
 * or it is closed on GitHub: the payload has no close time, so a close event's own time (`updated_at`)
 * is taken, and a later event of a closed discussion keeps the close already known.
 */
export function discussionFields(event: DiscussionEvent, isCloseEvent: boolean): DiscussionFields {
  const { discussion } = event;
  const answeredAt = discussion.answer_chosen_at ?? null;
  const closedOnGitHub = discussion.state === "closed";
  return {
    nodeId: discussion.node_id,
    title: discussion.title,
    reporter: discussion.user,
    authorAssociation: discussion.author_association,
    stateReason: discussion.state_reason ?? null,
    locked: discussion.locked,
    openedAt: discussion.created_at,
    updatedAt: discussion.updated_at,
    closedAt: answeredAt ?? (closedOnGitHub ? discussion.updated_at : null),
    closedAtExact: answeredAt !== null || isCloseEvent,
  };
}

/**
 * Stores a question, with its repository: a discussion in an answerable (Q&A) category, anonymous
 * when its author asked to be forgotten. Any other discussion is not followed: null, nothing stored.
 */
export async function recordDiscussion(
  tx: Queryable,
  event: DiscussionEvent,
  options: { isCloseEvent?: boolean } = {},
): Promise<{ key: IssueKey; reporterOptedOut: boolean } | null> {
  if (!event.discussion.category.is_answerable) return null;
  const key = discussionKey(event);
  await ensureRepository(tx, key.installationId, event.repository);
  const stored = await upsertDiscussion(tx, key, discussionFields(event, options.isCloseEvent ?? false));
  return stored && { key, reporterOptedOut: stored.reporterOptedOut };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { recordDiscussion } from "../discussions/record-discussion.js";
import { handleOnce, validateDelivery } from "./apply-once.js";
import { askOnResolution } from "./discussion-resolved.js";

/**
 * A question closed as resolved (or with no reason, as an older GitHub Enterprise Server sends it):
 * its author is asked, once, as when its answer is marked. Closed as outdated or duplicate: stored
 * closed, nobody asked.
 */
export function discussionClosed(deps: AppDeps) {
  return async (context: Context<"discussion.closed">): Promise<void> => {
    const reason = context.payload.discussion?.state_reason;
    if (reason && reason !== "resolved") {
      await handleOnce(deps, context, discussionEventSchema, (tx, event) => recordDiscussion(tx, event, { isCloseEvent: true }));
      return;
    }
    const delivery = validateDelivery(context, discussionEventSchema);
    if (!delivery) return;
    // The payload has no close time: the close event's own update time is it.
    await askOnResolution(deps, context, delivery, ({ discussion, sender }) => ({ at: discussion.updated_at, by: sender?.id }));
  };
}

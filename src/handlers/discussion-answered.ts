import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { discussionAnsweredSchema } from "../discussions/payloads.js";
import { validateDelivery } from "./apply-once.js";
import { askOnResolution } from "./discussion-resolved.js";

/** A question's answer marked: its author is asked, once, about the help, at the answer's time. */
export function discussionAnswered(deps: AppDeps) {
  return async (context: Context<"discussion.answered">): Promise<void> => {
    const delivery = validateDelivery(context, discussionAnsweredSchema);
    if (!delivery) return;
    await askOnResolution(deps, context, delivery, ({ discussion, answer }) => ({
      at: discussion.answer_chosen_at ?? discussion.updated_at,
      by: answer.user.id,
    }));
  };
}

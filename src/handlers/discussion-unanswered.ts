import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { reopenDiscussion } from "../discussions/lifecycle.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { handleOnce } from "./apply-once.js";

/** A question whose answer was unmarked is open again, as a reopened one is. */
export function discussionUnanswered(deps: AppDeps) {
  return async (context: Context<"discussion.unanswered">): Promise<void> => {
    await handleOnce(deps, context, discussionEventSchema, reopenDiscussion);
  };
}

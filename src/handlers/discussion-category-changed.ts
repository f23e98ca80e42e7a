import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { recategorizeDiscussion } from "../discussions/lifecycle.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { handleOnce } from "./apply-once.js";

/** A discussion moved into a Q&A category is followed from then on; moved out of one, it is dropped unless its author was asked. */
export function discussionCategoryChanged(deps: AppDeps) {
  return async (context: Context<"discussion.category_changed">): Promise<void> => {
    await handleOnce(deps, context, discussionEventSchema, recategorizeDiscussion);
  };
}

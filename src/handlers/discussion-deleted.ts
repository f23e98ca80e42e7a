import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { deleteDiscussion } from "../discussions/lifecycle.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { handleOnce } from "./apply-once.js";

/** A deleted discussion takes its stored data (surveys, experiences) with it. */
export function discussionDeleted(deps: AppDeps) {
  return async (context: Context<"discussion.deleted">): Promise<void> => {
    await handleOnce(deps, context, discussionEventSchema, deleteDiscussion);
  };
}

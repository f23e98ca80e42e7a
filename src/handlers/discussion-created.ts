import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { recordDiscussion } from "../discussions/record-discussion.js";
import { handleOnce } from "./apply-once.js";

/** A new question (a discussion in a Q&A category) is recorded, like an opened issue; any other discussion is not followed. */
export function discussionCreated(deps: AppDeps) {
  return async (context: Context<"discussion.created">): Promise<void> => {
    await handleOnce(deps, context, discussionEventSchema, (tx, event) => recordDiscussion(tx, event));
  };
}

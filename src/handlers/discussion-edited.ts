import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { recordDiscussion } from "../discussions/record-discussion.js";
import { handleOnce } from "./apply-once.js";

/** An edited question keeps its stored title (shown in the summary's pain points) up to date. */
export function discussionEdited(deps: AppDeps) {
  return async (context: Context<"discussion.edited">): Promise<void> => {
    await handleOnce(deps, context, discussionEventSchema, (tx, event) => recordDiscussion(tx, event));
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { reopenDiscussion } from "../discussions/lifecycle.js";
import { discussionEventSchema } from "../discussions/payloads.js";
import { handleOnce } from "./apply-once.js";

/** A reopened question cancels a survey not posted yet; one posted stays (a discussion is asked about once). */
export function discussionReopened(deps: AppDeps) {
  return async (context: Context<"discussion.reopened">): Promise<void> => {
    await handleOnce(deps, context, discussionEventSchema, reopenDiscussion);
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { transferDiscussion } from "../discussions/lifecycle.js";
import { discussionTransferredSchema } from "../discussions/payloads.js";
import { handleOnce } from "./apply-once.js";

/** A transferred discussion moves, with its surveys and experiences, to its new repository and number. */
export function discussionTransferred(deps: AppDeps) {
  return async (context: Context<"discussion.transferred">): Promise<void> => {
    await handleOnce(deps, context, discussionTransferredSchema, transferDiscussion);
  };
}

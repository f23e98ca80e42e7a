import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { reasonText } from "../follow-up/reason.js";
import { commentEventSchema } from "../payloads.js";
import { editReason } from "../queries/follow-ups.js";
import { handleOnce } from "./apply-once.js";

/** An edited comment that gave a reason: the reason becomes what the comment says now (the person's own words). */
export function issueCommentEdited(deps: AppDeps) {
  return async (context: Context<"issue_comment.edited">): Promise<void> => {
    if (context.payload.issue?.pull_request) return;
    await handleOnce(deps, context, commentEventSchema, (tx, event) =>
      editReason(tx, event.installation.id, event.comment.id, reasonText(event.comment.body)),
    );
  };
}

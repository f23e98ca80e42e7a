import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { issueTransferredSchema } from "../payloads.js";
import { moveIssue } from "../queries/issues.js";
import { deleteIssueDocument } from "../queries/knowledge-documents.js";
import { issueKey } from "../tracking/record-issue.js";
import { ensureRepository } from "../queries/repositories.js";
import { handleOnce } from "./apply-once.js";

/** A transferred issue moves, with its surveys and experiences, to its new repository and number; its text is quoted no more. */
export function issuesTransferred(deps: AppDeps) {
  return async (context: Context<"issues.transferred">): Promise<void> => {
    await handleOnce(deps, context, issueTransferredSchema, async (tx, event) => {
      const { new_repository: repository, new_issue: issue } = event.changes;
      await ensureRepository(tx, event.installation.id, repository);
      const to = { installationId: event.installation.id, repositoryId: repository.id, number: issue.number };
      await deleteIssueDocument(tx, issueKey(event));
      await moveIssue(tx, issueKey(event), to);
    });
  };
}

import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { storedConfigFor } from "../config/repository-config.js";
import { answersIssue, isSupportIssue } from "../knowledge/support-issue.js";
import { recordOpenedWithAnswer } from "../knowledge/queue-answer.js";
import type { IssueEvent } from "../payloads.js";
import { issueEventSchema } from "../payloads.js";
import { POST_ANSWER } from "../queries/knowledge-answers.js";
import { recordIssueOnce } from "../tracking/record-issue.js";
import { applyOnceInOneStatement, validateDelivery } from "./apply-once.js";

/**
 * The knowledge-base settings when this new issue is to be answered (a support issue, the knowledge
 * base on in the repository's stored configuration); else null. The stored one, fresh or not, and
 * never a read from GitHub: the busiest event does not wait on GitHub. A push that changes the file
 * stores it (its check), as do a close and a summary.
 */
async function knowledgeBaseFor(deps: AppDeps, event: IssueEvent) {
  if (!isSupportIssue(event.issue)) return null;
  const { config } = await storedConfigFor(deps.db, { installationId: event.installation.id, repositoryId: event.repository.id });
  return answersIssue(event.issue, config) ? config.knowledge_base : null;
}

/**
 * Stores the new issue: its reporter and opening time feed repeat usage and response times. The
 * delivery, its installation, repository and issue are one statement: the busiest event of all
 * takes one round trip to PostgreSQL and holds no lock another delivery of the installation needs.
 * An issue by someone outside the team, in a repository with the knowledge base on, also gets its
 * answer queued in the same transaction, and worked right after the answer.
 */
export function issuesOpened(deps: AppDeps) {
  return async (context: Context<"issues.opened">): Promise<void> => {
    const delivery = validateDelivery(context, issueEventSchema);
    if (!delivery) return;
    const { event, installationId } = delivery;
    const knowledgeBase = await knowledgeBaseFor(deps, event);
    if (!knowledgeBase) {
      await applyOnceInOneStatement(context, delivery.eventName, (claim) => recordIssueOnce(deps.db, event, claim));
      return;
    }
    let answerId: number | null = null;
    await applyOnceInOneStatement(context, delivery.eventName, async (claim) => {
      const recorded = await recordOpenedWithAnswer(deps.db, event, claim, knowledgeBase);
      answerId = recorded.answerId;
      return recorded;
    });
    if (answerId === null) return;
    const refs = [{ installationId, kind: POST_ANSWER, key: String(answerId) }];
    await deps.work({ installationId, octokit: context.octokit, log: context.log, refs });
  };
}

import type { KnowledgeBaseConfig } from "../config/knowledge-base-schema.js";
import type { Db } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import type { DeliveryClaim } from "../queries/deliveries.js";
import { createAnswer } from "../queries/knowledge-answers.js";
import { queryLexemes } from "../queries/knowledge-search.js";
import { issueKey, recordIssueOnce } from "../tracking/record-issue.js";
import { queryText } from "./support-issue.js";

/**
 * Records a new support issue and, in the same transaction, its answer (the query's lexemes in the
 * configured language, and their key) and the work of posting it. A redelivery claims nothing and
 * queues nothing; a reporter who asked to be forgotten is not answered.
 */
export async function recordOpenedWithAnswer(
  db: Db,
  event: IssueEvent,
  claim: DeliveryClaim,
  knowledgeBase: KnowledgeBaseConfig,
): Promise<{ claimed: boolean; answerId: number | null }> {
  return db.transaction(async (tx) => {
    const stored = await recordIssueOnce(tx, event, claim);
    if (!stored.claimed || stored.reporterOptedOut) return { claimed: stored.claimed, answerId: null };
    const query = await queryLexemes(tx, knowledgeBase.language, queryText(event.issue));
    const answerId = await createAnswer(tx, issueKey(event), { reporterId: event.issue.user.id, ...query, at: event.issue.created_at });
    return { claimed: true, answerId };
  });
}

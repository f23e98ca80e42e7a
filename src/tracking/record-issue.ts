import type { Queryable } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import type { DeliveryClaim } from "../queries/deliveries.js";
import type { StoredIssueEvent } from "../queries/issue-events.js";
import { storeIssueEvent } from "../queries/issue-events.js";
import type { IssueKey } from "../queries/issues.js";

export function issueKey(event: IssueEvent): IssueKey {
  return { installationId: event.installation.id, repositoryId: event.repository.id, number: event.issue.number };
}

/**
 * Stores the issue as the event shows it (anonymous when its reporter asked to be forgotten), with
 * its repository; returns its key, whether the event is the newest seen, and whether the reporter left.
 */
export async function recordIssue(
  tx: Queryable,
  event: IssueEvent,
): Promise<{ key: IssueKey; current: boolean; reporterOptedOut: boolean }> {
  const key = issueKey(event);
  const { current, reporterOptedOut } = await storeIssueEvent(tx, key, event);
  return { key, current, reporterOptedOut };
}

/**
 * Records the delivery and stores its issue in one statement (no transaction: one round trip);
 * `claimed` is false, and nothing written, when the delivery was recorded before.
 */
export function recordIssueOnce(db: Queryable, event: IssueEvent, claim: DeliveryClaim): Promise<StoredIssueEvent> {
  return storeIssueEvent(db, issueKey(event), event, claim);
}

import type { Queryable } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import { anonymousIssue } from "../privacy/forget.js";
import type { IssueKey } from "../queries/issues.js";
import { upsertIssue } from "../queries/issues.js";
import { isOptedOut } from "../queries/privacy.js";
import { recordRepository } from "./record-repository.js";

export function issueKey(event: IssueEvent): IssueKey {
  return { installationId: event.installation.id, repositoryId: event.repository.id, number: event.issue.number };
}

/**
 * Stores the issue as the event shows it (anonymous when its reporter asked to be forgotten);
 * returns its key, whether the event is the newest seen, and whether the reporter left.
 */
export async function recordIssue(
  tx: Queryable,
  event: IssueEvent,
): Promise<{ key: IssueKey; current: boolean; reporterOptedOut: boolean }> {
  await recordRepository(tx, event.installation.id, event.repository);
  const key = issueKey(event);
  const reporterOptedOut = await isOptedOut(tx, key.installationId, event.issue.user.id);
  const { current } = await upsertIssue(tx, key, reporterOptedOut ? anonymousIssue(event.issue) : event.issue);
  return { key, current, reporterOptedOut };
}

import type { Queryable } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import type { IssueKey } from "../queries/issues.js";
import { upsertIssue } from "../queries/issues.js";
import { recordRepository } from "./record-repository.js";

export function issueKey(event: IssueEvent): IssueKey {
  return { installationId: event.installation.id, repositoryId: event.repository.id, number: event.issue.number };
}

/** Stores the issue as the event shows it; returns its key and whether the event is the newest seen. */
export async function recordIssue(tx: Queryable, event: IssueEvent): Promise<{ key: IssueKey; current: boolean }> {
  await recordRepository(tx, event.installation.id, event.repository);
  const key = issueKey(event);
  const { current } = await upsertIssue(tx, key, event.issue);
  return { key, current };
}

import type { Queryable } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import { recordReopenTime } from "../queries/issues.js";
import { cancelOpenSurveys } from "../queries/surveys.js";
import { recordIssue } from "./record-issue.js";

/**
 * A reopened issue: the unanswered surveys of earlier closes are cancelled (a later close asks
 * again), whatever order this event arrives in among the issue's others.
 */
export async function recordReopen(tx: Queryable, event: IssueEvent): Promise<{ cancelled: number }> {
  const { key } = await recordIssue(tx, event);
  const reopenedAt = event.issue.updated_at;
  await recordReopenTime(tx, key, reopenedAt);
  return { cancelled: await cancelOpenSurveys(tx, key, reopenedAt) };
}

import type { Queryable } from "../db/types.js";
import type { IssueEvent } from "../payloads.js";
import { countReopen } from "../queries/issues.js";
import { cancelOpenSurveys } from "../queries/surveys.js";
import { recordIssue } from "./record-issue.js";

/** A reopened issue: its unanswered survey is cancelled (a later close asks again). */
export async function recordReopen(tx: Queryable, event: IssueEvent): Promise<{ cancelled: number }> {
  const { key, current } = await recordIssue(tx, event);
  if (!current) return { cancelled: 0 };
  await countReopen(tx, key);
  return { cancelled: await cancelOpenSurveys(tx, key, event.issue.updated_at) };
}

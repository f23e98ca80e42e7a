import type { Queryable } from "../db/types.js";
import type { LabelEvent } from "../payloads.js";
import type { IssueKey } from "../queries/issues.js";
import type { LabelAction } from "../queries/label-events.js";
import { recordLabelEvent } from "../queries/label-events.js";
import { recordIssue } from "./record-issue.js";

/**
 * A label added to or removed from an issue: the issue is stored as the event shows it, and the
 * change is kept with its time (the pause labels stop the issue's clocks while they are on).
 */
export async function recordLabel(tx: Queryable, event: LabelEvent, action: LabelAction): Promise<{ key: IssueKey }> {
  const { key } = await recordIssue(tx, event);
  if (event.label) await recordLabelEvent(tx, key, event.label.name, action, event.issue.updated_at);
  return { key };
}

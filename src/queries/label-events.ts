import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";

export type LabelAction = "labeled" | "unlabeled";

/** A label added to or removed from an issue, at the payload's time; a redelivery adds nothing. */
export async function recordLabelEvent(tx: Queryable, key: IssueKey, label: string, action: LabelAction, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO label_events (installation_id, repository_id, issue_number, label, action, at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [key.installationId, key.repositoryId, key.number, label, action, at],
  );
}

import type { Queryable } from "../db/types.js";

export type IssueKey = { installationId: number; repositoryId: number; number: number };

/** The fields of an issue that are stored, as a webhook carries them (the validated payload's issue fits it). */
export type IssueFields = {
  title: string;
  user: { id: number; login: string; type: string };
  author_association: string;
  labels: { name: string }[];
  state: "open" | "closed";
  state_reason?: string | null | undefined;
  locked: boolean;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
};

const keyParams = (key: IssueKey) => [key.installationId, key.repositoryId, key.number];

/**
 * Builds or refreshes the issue from a payload. State, labels and close time are taken only from
 * an event at least as new as the last one applied (by the payload's issue.updated_at), so events
 * arriving out of order cannot roll the issue back. Returns whether this event is the newest.
 */
export async function upsertIssue(tx: Queryable, key: IssueKey, issue: IssueFields): Promise<{ current: boolean }> {
  const result = await tx.query<{ current: boolean }>(
    `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type,
       author_association, labels, state, state_reason, locked, opened_at, closed_at, state_changed_at, title)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (installation_id, repository_id, number) DO UPDATE SET
       reporter_login = EXCLUDED.reporter_login,
       title = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at THEN EXCLUDED.title ELSE issues.title END,
       opened_at = LEAST(issues.opened_at, EXCLUDED.opened_at),
       author_association = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at
         THEN EXCLUDED.author_association ELSE issues.author_association END,
       labels = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at THEN EXCLUDED.labels ELSE issues.labels END,
       state = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at THEN EXCLUDED.state ELSE issues.state END,
       state_reason = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at
         THEN EXCLUDED.state_reason ELSE issues.state_reason END,
       locked = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at THEN EXCLUDED.locked ELSE issues.locked END,
       closed_at = CASE WHEN EXCLUDED.state_changed_at >= issues.state_changed_at
         THEN EXCLUDED.closed_at ELSE issues.closed_at END,
       state_changed_at = GREATEST(issues.state_changed_at, EXCLUDED.state_changed_at)
     RETURNING state_changed_at = $14 AS current`,
    [
      ...keyParams(key),
      issue.user.id,
      issue.user.login,
      issue.user.type,
      issue.author_association,
      issue.labels.map((label) => label.name),
      issue.state,
      issue.state_reason ?? null,
      issue.locked,
      issue.created_at,
      issue.closed_at,
      issue.updated_at,
      issue.title,
    ],
  );
  return { current: result.rows[0]?.current ?? false };
}

/** Records a reopen, once per reopen time whatever the redeliveries. Returns false for one already seen. */
export async function recordReopenTime(tx: Queryable, key: IssueKey, at: Date): Promise<boolean> {
  const result = await tx.query(
    `UPDATE issues SET reopened_at = array_append(reopened_at, $4), reopen_count = cardinality(reopened_at) + 1
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3 AND NOT ($4 = ANY(reopened_at))`,
    [...keyParams(key), at],
  );
  return result.rowCount > 0;
}

/** Whether the issue is known to have been reopened at or after `at`. */
export async function reopenedSince(tx: Queryable, key: IssueKey, at: Date): Promise<boolean> {
  const result = await tx.query(
    `SELECT 1 FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3
       AND EXISTS (SELECT 1 FROM unnest(reopened_at) AS reopened WHERE reopened >= $4)`,
    [...keyParams(key), at],
  );
  return result.rowCount > 0;
}

/**
 * Keeps the earliest response by someone other than the reporter, whatever order comments arrive in.
 * The responder's id is null for a person who asked to be forgotten.
 */
export async function recordResponse(
  tx: Queryable,
  key: IssueKey,
  at: Date,
  responder: { id: number | null; login: string },
): Promise<void> {
  await tx.query(
    `UPDATE issues SET first_response_at = $4, first_responder_login = $5, first_responder_id = $6
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3
       AND (first_response_at IS NULL OR first_response_at > $4)`,
    [...keyParams(key), at, responder.login, responder.id],
  );
}

export async function deleteIssue(tx: Queryable, key: IssueKey): Promise<void> {
  await tx.query("DELETE FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3", keyParams(key));
}

/**
 * Moves an issue, with its surveys and experiences (the foreign keys cascade), to its new place.
 * A row already built for the destination from an earlier-arriving event gives way to the original.
 */
export async function moveIssue(tx: Queryable, from: IssueKey, to: IssueKey): Promise<void> {
  const moving = await tx.query(
    "SELECT 1 FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3",
    keyParams(from),
  );
  if (moving.rowCount === 0) return;
  await deleteIssue(tx, to);
  await tx.query(
    `UPDATE issues SET repository_id = $4, number = $5
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3`,
    [...keyParams(from), to.repositoryId, to.number],
  );
}

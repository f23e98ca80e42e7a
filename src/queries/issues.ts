import type { Queryable } from "../db/types.js";

export type IssueKey = { installationId: number; repositoryId: number; number: number };

/** What a person who left (or whose data is anonymised) is shown as: GitHub's own name for a deleted account. */
export const FORGOTTEN = { id: 0, login: "ghost" } as const;

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

export const keyParams = (key: IssueKey) => [key.installationId, key.repositoryId, key.number];

/** In an upsert's ON CONFLICT: whether the event being applied is at least as new as the last one applied. */
export const NEWER_EVENT = "EXCLUDED.state_changed_at >= issues.state_changed_at";

/** In an upsert's ON CONFLICT: `column` from the event when it is at least as new as the last applied, else kept. */
export const fromNewer = (column: string) => `${column} = CASE WHEN ${NEWER_EVENT} THEN EXCLUDED.${column} ELSE issues.${column} END`;

/**
 * The CTEs `opted_out` and `stored_issue` (its RETURNING `current`: whether this event is the
 * newest) that build or refresh the issue of parameters $1-$17 (`issueParams`), for each row of CTE
 * `gate`. State, labels and close time are taken only from an event at least as new as the last one
 * applied (by the payload's issue.updated_at), so events arriving out of order cannot roll the issue
 * back. A reporter who asked to be forgotten is stored anonymous: no id, login or title of theirs.
 */
export function upsertIssueSql(gate: string): string {
  return `opted_out AS (SELECT EXISTS (SELECT 1 FROM opt_outs WHERE installation_id = $1 AND user_id = $4) AS reporter_left),
    stored_issue AS (
      INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type,
        author_association, labels, state, state_reason, locked, opened_at, closed_at, state_changed_at, title)
      SELECT $1, $2, $3, CASE WHEN reporter_left THEN $16 ELSE $4::bigint END, CASE WHEN reporter_left THEN $17 ELSE $5::text END,
        $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN reporter_left THEN '' ELSE $15::text END
      FROM ${gate}, opted_out
      ON CONFLICT (installation_id, repository_id, number) DO UPDATE SET
        reporter_login = EXCLUDED.reporter_login,
        ${["title", "author_association", "labels", "state", "state_reason", "locked", "closed_at"].map(fromNewer).join(",\n        ")},
        opened_at = LEAST(issues.opened_at, EXCLUDED.opened_at),
        state_changed_at = GREATEST(issues.state_changed_at, EXCLUDED.state_changed_at)
      RETURNING state_changed_at = $14 AS current
    )`;
}

/** The parameters $1-$17 of `upsertIssueSql`. */
export function issueParams(key: IssueKey, issue: IssueFields): unknown[] {
  return [
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
    FORGOTTEN.id,
    FORGOTTEN.login,
  ];
}

export type StoredIssue = { current: boolean; reporterOptedOut: boolean };

/** Builds or refreshes the issue from a payload (see upsertIssueSql); its repository is stored already. */
export async function upsertIssue(tx: Queryable, key: IssueKey, issue: IssueFields): Promise<StoredIssue> {
  const result = await tx.query<StoredIssue>(
    `WITH every AS (SELECT 1), ${upsertIssueSql("every")}
     SELECT coalesce((SELECT current FROM stored_issue), false) AS current, (SELECT reporter_left FROM opted_out) AS "reporterOptedOut"`,
    issueParams(key, issue),
  );
  return result.rows[0] ?? { current: false, reporterOptedOut: false };
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

/** An edited issue: the stored title (shown in summaries' pain points) becomes what it says now. */
export async function retitleIssue(tx: Queryable, key: IssueKey, title: string): Promise<void> {
  await tx.query("UPDATE issues SET title = $4 WHERE installation_id = $1 AND repository_id = $2 AND number = $3", [
    ...keyParams(key),
    title,
  ]);
}

export async function deleteIssue(tx: Queryable, key: IssueKey): Promise<void> {
  await tx.query("DELETE FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3", keyParams(key));
}

/**
 * Moves an issue, with its surveys and experiences (the foreign keys cascade), to its new place.
 * A row already built for the destination from an earlier-arriving event gives way to the original.
 */
export async function moveIssue(tx: Queryable, from: IssueKey, to: IssueKey): Promise<void> {
  const moving = await tx.query("SELECT 1 FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3", keyParams(from));
  if (moving.rowCount === 0) return;
  await deleteIssue(tx, to);
  await tx.query(
    `UPDATE issues SET repository_id = $4, number = $5
     WHERE installation_id = $1 AND repository_id = $2 AND number = $3`,
    [...keyParams(from), to.repositoryId, to.number],
  );
}

import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";
import { FORGOTTEN, fromNewer, NEWER_EVENT } from "./issues.js";

/**
 * A discussion as the `issues` table keeps it (channel 'discussions'). It is `closed` once its answer
 * is marked or it is closed on GitHub; `closedAt` is that moment (the answer's first). `closedAtExact`
 * says whether the event gives that moment itself (the answer's time, or the close event's own time)
 * rather than a later one (an edit of a closed discussion), which must not move a close already known.
 */
export type DiscussionFields = {
  nodeId: string;
  title: string;
  reporter: { id: number; login: string; type: string };
  authorAssociation: string;
  stateReason: string | null;
  locked: boolean;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedAtExact: boolean;
};

const CLOSED_AT = `closed_at = CASE WHEN NOT (${NEWER_EVENT}) THEN issues.closed_at
      WHEN EXCLUDED.closed_at IS NULL OR $18 THEN EXCLUDED.closed_at
      ELSE coalesce(issues.closed_at, EXCLUDED.closed_at) END`;

/**
 * Builds or refreshes a discussion, like an issue: state from the newest event only (by the payload's
 * updated_at), anonymous for an author who asked to be forgotten. A row of another channel under the
 * same number is left alone (GitHub numbers issues and discussions from one sequence: there is none).
 * Returns null when nothing was stored, else whether the author left.
 */
export async function upsertDiscussion(tx: Queryable, key: IssueKey, d: DiscussionFields): Promise<{ reporterOptedOut: boolean } | null> {
  const { rows } = await tx.query<{ reporterOptedOut: boolean }>(
    `WITH opted_out AS (SELECT EXISTS (SELECT 1 FROM opt_outs WHERE installation_id = $1 AND user_id = $4) AS reporter_left),
     stored AS (
       INSERT INTO issues (installation_id, repository_id, number, channel, node_id, reporter_id, reporter_login, reporter_type,
         author_association, state, state_reason, locked, opened_at, closed_at, state_changed_at, title)
       SELECT $1, $2, $3, 'discussions', $17, CASE WHEN reporter_left THEN $15 ELSE $4::bigint END,
         CASE WHEN reporter_left THEN $16 ELSE $5::text END, $6, $7, $8, $9, $10, $11, $12, $13,
         CASE WHEN reporter_left THEN '' ELSE $14::text END
       FROM opted_out
       ON CONFLICT (installation_id, repository_id, number) DO UPDATE SET
         node_id = EXCLUDED.node_id,
         reporter_login = EXCLUDED.reporter_login,
         ${["title", "author_association", "state", "state_reason", "locked"].map(fromNewer).join(",\n         ")},
         ${CLOSED_AT},
         opened_at = LEAST(issues.opened_at, EXCLUDED.opened_at),
         state_changed_at = GREATEST(issues.state_changed_at, EXCLUDED.state_changed_at)
       WHERE issues.channel = 'discussions'
       RETURNING 1)
     SELECT reporter_left AS "reporterOptedOut" FROM opted_out WHERE EXISTS (SELECT 1 FROM stored)`,
    [
      key.installationId,
      key.repositoryId,
      key.number,
      d.reporter.id,
      d.reporter.login,
      d.reporter.type,
      d.authorAssociation,
      d.closedAt === null ? "open" : "closed",
      d.stateReason,
      d.locked,
      d.openedAt,
      d.closedAt,
      d.updatedAt,
      d.title,
      FORGOTTEN.id,
      FORGOTTEN.login,
      d.nodeId,
      d.closedAtExact,
    ],
  );
  return rows[0] ?? null;
}

/**
 * Whether the discussion's author was ever asked, or is about to be: any survey but one cancelled
 * before its comment was posted. A discussion is asked about once, whatever happens to it after.
 */
export async function hasDiscussionSurvey(tx: Queryable, key: IssueKey): Promise<boolean> {
  const result = await tx.query(
    `SELECT 1 FROM surveys WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3
       AND (status <> 'cancelled' OR comment_id IS NOT NULL) LIMIT 1`,
    [key.installationId, key.repositoryId, key.number],
  );
  return result.rowCount > 0;
}

/**
 * A discussion moved to a category that is not a Q&A one stops being followed: its row goes, unless
 * its author was asked already (that experience stays). Returns whether it went.
 */
export async function dropUnaskedDiscussion(tx: Queryable, key: IssueKey): Promise<boolean> {
  const result = await tx.query(
    `DELETE FROM issues i WHERE i.installation_id = $1 AND i.repository_id = $2 AND i.number = $3 AND i.channel = 'discussions'
       AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.installation_id = i.installation_id AND s.repository_id = i.repository_id
         AND s.issue_number = i.number)`,
    [key.installationId, key.repositoryId, key.number],
  );
  return result.rowCount > 0;
}

import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";

export type Measure = "first_response" | "resolution";
export type Mark = "warning" | "breach";

/** A service-level mark as the work that labels the issue carries it. */
export type ServiceMark = { number: number; target: string; measure: Measure; mark: Mark };

export type TargetRepository = { installationId: number; repositoryId: number; fullName: string; config: unknown };

/** Repositories whose stored configuration sets service-level targets (installation active, repository not removed). */
export async function repositoriesWithTargets(db: Queryable): Promise<TargetRepository[]> {
  const result = await db.query<TargetRepository>(
    `SELECT r.installation_id AS "installationId", r.id AS "repositoryId", r.full_name AS "fullName", c.config
     FROM repository_configs c
     JOIN repositories r ON r.installation_id = c.installation_id AND r.id = c.repository_id AND r.removed_at IS NULL
     JOIN installations i ON i.id = r.installation_id AND i.suspended_at IS NULL
     WHERE jsonb_typeof(c.config -> 'service_levels' -> 'targets') = 'array'
       AND jsonb_array_length(c.config -> 'service_levels' -> 'targets') > 0
     ORDER BY r.installation_id, r.id`,
  );
  return result.rows;
}

/** Records a mark once; true when it is new (the caller then queues its label in the same transaction). */
export async function recordMark(tx: Queryable, key: IssueKey, mark: Omit<ServiceMark, "number">, at: Date): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO service_marks (installation_id, repository_id, issue_number, target, measure, mark, marked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [key.installationId, key.repositoryId, key.number, mark.target, mark.measure, mark.mark, at],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Warnings whose measure is met and whose label is still on: the first response came (by the
 * configured responders: `anyone` reads the first response by anyone), or the issue was closed.
 */
export async function warningsMet(
  db: Queryable,
  repository: { installationId: number; repositoryId: number },
  responders: "maintainers" | "anyone",
): Promise<ServiceMark[]> {
  const result = await db.query<ServiceMark>(
    `SELECT m.issue_number AS number, m.target, m.measure, m.mark FROM service_marks m
     JOIN issues i ON i.installation_id = m.installation_id AND i.repository_id = m.repository_id AND i.number = m.issue_number
     WHERE m.installation_id = $1 AND m.repository_id = $2 AND m.mark = 'warning' AND m.cleared_at IS NULL
       AND (i.state = 'closed' OR (m.measure = 'first_response'
         AND (i.first_response_at IS NOT NULL OR ($3 = 'anyone' AND i.first_any_response_at IS NOT NULL))))`,
    [repository.installationId, repository.repositoryId, responders],
  );
  return result.rows;
}

/** The warning's label is to be removed: not met again. */
export async function clearWarning(tx: Queryable, key: IssueKey, mark: Omit<ServiceMark, "number" | "mark">, at: Date): Promise<void> {
  await tx.query(
    `UPDATE service_marks SET cleared_at = $6 WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3
       AND target = $4 AND measure = $5 AND mark = 'warning' AND cleared_at IS NULL`,
    [key.installationId, key.repositoryId, key.number, mark.target, mark.measure, at],
  );
}

/** An issue's state as the label work checks it before it writes: open or closed, and gone when deleted. */
export async function issueState(db: Queryable, key: IssueKey): Promise<"open" | "closed" | null> {
  const result = await db.query<{ state: "open" | "closed" }>(
    "SELECT state FROM issues WHERE installation_id = $1 AND repository_id = $2 AND number = $3",
    [key.installationId, key.repositoryId, key.number],
  );
  return result.rows[0]?.state ?? null;
}

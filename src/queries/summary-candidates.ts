import type { Queryable } from "../db/types.js";

export type SummaryCandidate = {
  installationId: number;
  id: number;
  fullName: string;
  private: boolean;
  stargazers: number | null;
  defaultBranch: string | null;
};

/**
 * The repositories a summary may be due for: installed, of an active installation, and with some
 * support activity seen (a repository the app never saw an issue in gets no weekly empty report).
 */
export async function summaryCandidates(db: Queryable): Promise<SummaryCandidate[]> {
  const result = await db.query<SummaryCandidate>(
    `SELECT r.installation_id AS "installationId", r.id, r.full_name AS "fullName", r.private,
       r.stargazers_count AS stargazers, r.default_branch AS "defaultBranch"
     FROM repositories r
     JOIN installations i ON i.id = r.installation_id AND i.suspended_at IS NULL
     WHERE r.removed_at IS NULL
       AND EXISTS (SELECT 1 FROM issues WHERE installation_id = r.installation_id AND repository_id = r.id)
     ORDER BY r.installation_id, r.id`,
  );
  return result.rows;
}

/** One stored repository of an installation, by name (the CLI's and the organisation summary's target). */
export async function repositoryByName(db: Queryable, installationId: number, fullName: string): Promise<SummaryCandidate | null> {
  const result = await db.query<SummaryCandidate>(
    `SELECT installation_id AS "installationId", id, full_name AS "fullName", private,
       stargazers_count AS stargazers, default_branch AS "defaultBranch"
     FROM repositories WHERE installation_id = $1 AND lower(full_name) = lower($2)`,
    [installationId, fullName],
  );
  return result.rows[0] ?? null;
}

/** One stored repository of an installation, by id (the target of a planned summary); null when gone. */
export async function repositoryById(db: Queryable, installationId: number, id: number): Promise<SummaryCandidate | null> {
  const result = await db.query<SummaryCandidate>(
    `SELECT installation_id AS "installationId", id, full_name AS "fullName", private,
       stargazers_count AS stargazers, default_branch AS "defaultBranch"
     FROM repositories WHERE installation_id = $1 AND id = $2`,
    [installationId, id],
  );
  return result.rows[0] ?? null;
}

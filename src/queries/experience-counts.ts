import type { Queryable } from "../db/types.js";
import type { Scope } from "./scope.js";

/** What the model is computed from, for one repository and one window of close times. */
export type ExperienceCounts = {
  /** Experiences whose outcome is known: answered, or the survey window ended. */
  total: number;
  /** Experiences whose survey is still open; not part of `total`. */
  pending: number;
  positive: number;
  negative: number;
  neutral: number;
  /** Experiences (of `total`) whose reporter had opened an earlier issue in the same repository. */
  repeatUsage: number;
  marketDemand: number;
};

export type RepositoryWindow = { installationId: number; repositoryId: number; from: Date; to: Date };

export function countExperiences(db: Queryable, window: RepositoryWindow): Promise<ExperienceCounts> {
  return countExperiencesIn(db, { ...window, repositoryIds: [window.repositoryId] });
}

/**
 * Counts the experiences of some repositories of one installation closed in [from, to). Repeat usage: the reporter had opened an
 * earlier issue in the same repository. Market demand: the distinct reporters of the window's
 * experiences, pending ones included.
 */
export async function countExperiencesIn(db: Queryable, scope: Scope): Promise<ExperienceCounts> {
  const result = await db.query<ExperienceCounts>(
    `SELECT
       count(*) FILTER (WHERE e.outcome <> 'pending') AS total,
       count(*) FILTER (WHERE e.outcome = 'pending') AS pending,
       count(*) FILTER (WHERE e.outcome = 'positive') AS positive,
       count(*) FILTER (WHERE e.outcome = 'negative') AS negative,
       count(*) FILTER (WHERE e.outcome = 'neutral') AS neutral,
       count(*) FILTER (WHERE e.outcome <> 'pending' AND EXISTS (
         SELECT 1 FROM issues earlier
         WHERE earlier.installation_id = e.installation_id AND earlier.repository_id = e.repository_id
           AND earlier.reporter_id = e.reporter_id AND earlier.opened_at < current.opened_at)) AS "repeatUsage",
       count(DISTINCT e.reporter_id) AS "marketDemand"
     FROM experiences e
     JOIN issues current ON current.installation_id = e.installation_id
       AND current.repository_id = e.repository_id AND current.number = e.issue_number
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4`,
    [scope.installationId, scope.repositoryIds, scope.from, scope.to],
  );
  const row = result.rows[0];
  if (!row) throw new Error("experience counts query returned no row");
  return row;
}

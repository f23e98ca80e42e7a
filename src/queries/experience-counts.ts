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
  /** Experiences (of `total`) whose person had come to the same repository before, on any channel. */
  repeatUsage: number;
  marketDemand: number;
};

export type RepositoryWindow = { installationId: number; repositoryId: number; from: Date; to: Date };

export function countExperiences(db: Queryable, window: RepositoryWindow): Promise<ExperienceCounts> {
  return countExperiencesIn(db, { ...window, repositoryIds: [window.repositoryId] });
}

// Who an experience is from, as one person across channels: a GitHub user (the reporter of an issue or
// discussion, or the user a desk identity is linked to), else the desk identity itself.
const PERSON_GITHUB_ID = "coalesce(e.reporter_id, link.github_user_id)";
const PERSON = `coalesce('github:' || ${PERSON_GITHUB_ID}, 'desk:' || e.desk_identity)`;
// When the person came for the help the experience is about: the or discussion's opening, or a desk's time.
const STARTED_AT = "coalesce(current.opened_at, e.closed_at)";

/**
 * Counts the experiences of some repositories of one installation closed in [from, to), every channel
 * together. Repeat usage: the person had come to the same repository before (an earlier issue or
 * discussion, or an earlier experience from a desk under the same identity, or linked to the same
 * GitHub user). Market demand: the distinct people of the window's experiences, pending ones included.
 */
export async function countExperiencesIn(db: Queryable, scope: Scope): Promise<ExperienceCounts> {
  const result = await db.query<ExperienceCounts>(
    `SELECT
       count(*) FILTER (WHERE e.outcome <> 'pending') AS total,
       count(*) FILTER (WHERE e.outcome = 'pending') AS pending,
       count(*) FILTER (WHERE e.outcome = 'positive') AS positive,
       count(*) FILTER (WHERE e.outcome = 'negative') AS negative,
       count(*) FILTER (WHERE e.outcome = 'neutral') AS neutral,
       count(*) FILTER (WHERE e.outcome <> 'pending' AND (EXISTS (
           SELECT 1 FROM issues earlier
           WHERE earlier.installation_id = e.installation_id AND earlier.repository_id = e.repository_id
             AND earlier.reporter_id = ${PERSON_GITHUB_ID} AND earlier.opened_at < ${STARTED_AT})
         OR EXISTS (
           SELECT 1 FROM experiences desk
           LEFT JOIN identity_links desk_link ON desk_link.installation_id = desk.installation_id
             AND desk_link.desk_identity = desk.desk_identity
           WHERE desk.installation_id = e.installation_id AND desk.repository_id = e.repository_id
             AND desk.desk_identity IS NOT NULL AND desk.closed_at < ${STARTED_AT}
             AND (desk_link.github_user_id = ${PERSON_GITHUB_ID}
               OR (desk_link.github_user_id IS NULL AND desk.desk_identity = e.desk_identity))))) AS "repeatUsage",
       count(DISTINCT ${PERSON}) AS "marketDemand"
     FROM experiences e
     LEFT JOIN issues current ON current.installation_id = e.installation_id
       AND current.repository_id = e.repository_id AND current.number = e.issue_number
     LEFT JOIN identity_links link ON link.installation_id = e.installation_id AND link.desk_identity = e.desk_identity
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4`,
    [scope.installationId, scope.repositoryIds, scope.from, scope.to],
  );
  const row = result.rows[0];
  if (!row) throw new Error("experience counts query returned no row");
  return row;
}

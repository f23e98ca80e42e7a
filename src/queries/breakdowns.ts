import type { Queryable } from "../db/types.js";
import type { Scope } from "./scope.js";
import { SUPPORT_ISSUE } from "./scope.js";

export type LabelBreakdown = {
  label: string;
  total: number;
  positive: number;
  negative: number;
  neutral: number;
  satisfaction: number | null;
};
export type ResponderBreakdown = { login: string; firstResponses: number; medianSeconds: number | null };

const params = (scope: Scope) => [scope.installationId, scope.repositoryIds, scope.from, scope.to];

/** Known experiences of the window by issue label (an issue with two labels counts under both), but for the `excluded` labels. */
export async function labelBreakdown(db: Queryable, scope: Scope, excluded: readonly string[] = []): Promise<LabelBreakdown[]> {
  const result = await db.query<Omit<LabelBreakdown, "satisfaction">>(
    `SELECT label,
       count(*) AS total,
       count(*) FILTER (WHERE e.outcome = 'positive') AS positive,
       count(*) FILTER (WHERE e.outcome = 'negative') AS negative,
       count(*) FILTER (WHERE e.outcome = 'neutral') AS neutral
     FROM experiences e
     JOIN issues i ON i.installation_id = e.installation_id AND i.repository_id = e.repository_id AND i.number = e.issue_number
     CROSS JOIN LATERAL unnest(i.labels) AS label
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4
       AND e.outcome <> 'pending' AND NOT (label = ANY($5::text[]))
     GROUP BY label ORDER BY count(*) DESC, label LIMIT 50`,
    [...params(scope), excluded],
  );
  return result.rows.map((row) => ({ ...row, satisfaction: (row.positive - row.negative) / row.total }));
}

/** Who gave the first response to the support issues first answered in the window, and how fast. */
export async function responderBreakdown(db: Queryable, scope: Scope): Promise<ResponderBreakdown[]> {
  const result = await db.query<ResponderBreakdown>(
    `SELECT i.first_responder_login AS login, count(*) AS "firstResponses",
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.first_response_at - i.opened_at)::double precision)
         AS "medianSeconds"
     FROM issues i
     WHERE i.installation_id = $1 AND i.repository_id = ANY($2::bigint[]) AND ${SUPPORT_ISSUE}
       AND i.first_response_at >= $3 AND i.first_response_at < $4 AND i.first_responder_login IS NOT NULL
     GROUP BY i.first_responder_login ORDER BY count(*) DESC, i.first_responder_login LIMIT 50`,
    params(scope),
  );
  return result.rows;
}

export type NegativeExperience = {
  repositoryId: number;
  fullName: string;
  /** `issues`, `discussions` (linked at /discussions/N), or a desk's channel. */
  channel: string;
  /** The issue or discussion; null for a desk's experience. */
  number: number | null;
  title: string;
  closedAt: Date;
  /** What the reporter answered the follow-up with; null when they did not (or it was deleted). */
  reason: string | null;
};

/** The negative experiences of the window on every channel, newest first: the pain points. */
export async function negativeExperiences(db: Queryable, scope: Scope): Promise<NegativeExperience[]> {
  const result = await db.query<NegativeExperience>(
    `SELECT e.repository_id AS "repositoryId", r.full_name AS "fullName", e.channel, e.issue_number AS number,
       coalesce(i.title, '') AS title, e.closed_at AS "closedAt", e.reason
     FROM experiences e
     LEFT JOIN issues i ON i.installation_id = e.installation_id AND i.repository_id = e.repository_id AND i.number = e.issue_number
     JOIN repositories r ON r.installation_id = e.installation_id AND r.id = e.repository_id
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4
       AND e.outcome = 'negative'
     ORDER BY e.closed_at DESC LIMIT 500`,
    params(scope),
  );
  return result.rows;
}

/** The window's negative experiences on issues (the only channel followed up), how many got the follow-up reply, and how many gave a reason. */
export type FollowUpCounts = { negative: number; followedUp: number; reasons: number };

export async function followUpCounts(db: Queryable, scope: Scope): Promise<FollowUpCounts> {
  const result = await db.query<FollowUpCounts>(
    `SELECT count(*) AS negative, count(e.follow_up_comment_id) AS "followedUp", count(e.reason) AS reasons
     FROM experiences e
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4
       AND e.outcome = 'negative' AND e.channel = 'issues'`,
    params(scope),
  );
  return result.rows[0] ?? { negative: 0, followedUp: 0, reasons: 0 };
}

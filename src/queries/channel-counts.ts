import type { Queryable } from "../db/types.js";
import type { Scope } from "./scope.js";

/** The experiences of one channel (issues, discussions, or a desk's word such as email) in a window. */
export type ChannelCounts = { channel: string; total: number; pending: number; positive: number; negative: number; neutral: number };

/**
 * The experiences of the scope closed in [from, to), by channel: GitHub's channels first (issues,
 * then discussions), then the desks' by name. Channels without an experience are not listed.
 */
export async function channelCounts(db: Queryable, scope: Scope): Promise<ChannelCounts[]> {
  const { rows } = await db.query<ChannelCounts>(
    `SELECT e.channel,
       count(*) FILTER (WHERE e.outcome <> 'pending') AS total,
       count(*) FILTER (WHERE e.outcome = 'pending') AS pending,
       count(*) FILTER (WHERE e.outcome = 'positive') AS positive,
       count(*) FILTER (WHERE e.outcome = 'negative') AS negative,
       count(*) FILTER (WHERE e.outcome = 'neutral') AS neutral
     FROM experiences e
     WHERE e.installation_id = $1 AND e.repository_id = ANY($2::bigint[]) AND e.closed_at >= $3 AND e.closed_at < $4
     GROUP BY e.channel
     ORDER BY CASE e.channel WHEN 'issues' THEN 0 WHEN 'discussions' THEN 1 ELSE 2 END, e.channel`,
    [scope.installationId, scope.repositoryIds, scope.from, scope.to],
  );
  return rows;
}

import type { Queryable } from "../db/types.js";

/** Which repositories a summary covers, and the window of time it counts. */
export type Scope = { installationId: number; repositoryIds: number[]; from: Date; to: Date };

// Support issues: opened by people outside the project (not bots, not its owner, members or collaborators).
export const SUPPORT_ISSUE = `i.reporter_type <> 'Bot' AND i.author_association NOT IN ('OWNER', 'MEMBER', 'COLLABORATOR')`;

const stats = (column: string) => `
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS p90,
  count(${column}) AS count`;

/** Median and 90th percentile of a duration, in seconds; null when there is nothing to measure. */
export type DurationStats = { median: number | null; p90: number | null; count: number };

export type ServiceFigures = {
  /** Support issues closed in the period. */
  closed: number;
  /** Of those, the share that had a maintainer's response before closing; null when none closed. */
  responseRate: number | null;
  /** Of those, the share reopened at least once; null when none closed. */
  reopenRate: number | null;
  timeToFirstResponse: DurationStats;
  timeToClose: DurationStats;
};

/**
 * The service figures of support issues: response and reopen rates of those closed in the window,
 * time to close of those closed in it, time to first response of those first answered in it.
 */
export async function serviceFigures(db: Queryable, scope: Scope): Promise<ServiceFigures> {
  const params = [scope.installationId, scope.repositoryIds, scope.from, scope.to];
  const where = `i.installation_id = $1 AND i.repository_id = ANY($2::bigint[]) AND ${SUPPORT_ISSUE}`;
  const closed = await db.query<{ closed: number; responded: number; reopened: number } & DurationStats>(
    `SELECT count(*) AS closed,
       count(*) FILTER (WHERE i.first_response_at IS NOT NULL AND i.first_response_at <= i.closed_at) AS responded,
       count(*) FILTER (WHERE i.reopen_count > 0) AS reopened,
       ${stats("extract(epoch FROM i.closed_at - i.opened_at)::double precision")}
     FROM issues i WHERE ${where} AND i.state = 'closed' AND i.closed_at >= $3 AND i.closed_at < $4`,
    params,
  );
  const answered = await db.query<DurationStats>(
    `SELECT ${stats("extract(epoch FROM i.first_response_at - i.opened_at)::double precision")}
     FROM issues i WHERE ${where} AND i.first_response_at >= $3 AND i.first_response_at < $4`,
    params,
  );
  const c = closed.rows[0] ?? { closed: 0, responded: 0, reopened: 0, median: null, p90: null, count: 0 };
  const a = answered.rows[0] ?? { median: null, p90: null, count: 0 };
  return {
    closed: c.closed,
    responseRate: c.closed === 0 ? null : c.responded / c.closed,
    reopenRate: c.closed === 0 ? null : c.reopened / c.closed,
    timeToClose: { median: c.median, p90: c.p90, count: c.count },
    timeToFirstResponse: { median: a.median, p90: a.p90, count: a.count },
  };
}

import type { Queryable } from "../db/types.js";
import type { RepositoryWindow } from "./experience-counts.js";

/** Median and 90th percentile of a duration in seconds (null when nothing is measured), and how many were measured. */
export type ResponseStats = { medianSeconds: number | null; p90Seconds: number | null; count: number };

export type ExperienceResponse = {
  /** Experiences closed in the window, pending ones included. */
  experiences: number;
  /** Of those, the ones whose issue had a first response by the time it was closed. */
  responded: number;
  /** From the opening to its first response, for those that had one. */
  firstResponse: ResponseStats;
  /** From the opening to the close the experience is about. */
  timeToClose: ResponseStats;
};

const stats = (column: string, name: string, filter = "") => `
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) ${filter} AS "${name}Median",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) ${filter} AS "${name}P90",
  count(${column}) ${filter} AS "${name}Count"`;

const RESPONDED = "FILTER (WHERE i.first_response_at IS NOT NULL AND i.first_response_at <= e.closed_at)";

/** Response times of a repository's experiences closed in [from, to), on the calendar clock. */
export async function experienceResponse(db: Queryable, window: RepositoryWindow): Promise<ExperienceResponse> {
  const { rows } = await db.query<Record<string, number | null>>(
    `SELECT count(*)::int AS experiences, count(*) ${RESPONDED} AS responded,
       ${stats("extract(epoch FROM i.first_response_at - i.opened_at)::double precision", "firstResponse", RESPONDED)},
       ${stats("extract(epoch FROM e.closed_at - i.opened_at)::double precision", "timeToClose")}
     FROM experiences e
     JOIN issues i ON i.installation_id = e.installation_id AND i.repository_id = e.repository_id AND i.number = e.issue_number
     WHERE e.installation_id = $1 AND e.repository_id = $2 AND e.closed_at >= $3 AND e.closed_at < $4`,
    [window.installationId, window.repositoryId, window.from, window.to],
  );
  const row = rows[0] ?? {};
  const read = (name: string): ResponseStats => ({
    medianSeconds: row[`${name}Median`] ?? null,
    p90Seconds: row[`${name}P90`] ?? null,
    count: Number(row[`${name}Count`] ?? 0),
  });
  return {
    experiences: Number(row.experiences ?? 0),
    responded: Number(row.responded ?? 0),
    firstResponse: read("firstResponse"),
    timeToClose: read("timeToClose"),
  };
}

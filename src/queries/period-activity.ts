import type { Queryable } from "../db/types.js";

/**
 * Whether the repositories had any support activity in [start, end): an issue opened, closed or
 * first answered, an experience closed or answered; or a survey still waiting for its answer.
 * A period without any gets no summary unless the configuration asks for quiet ones.
 */
export async function hadActivity(
  db: Queryable,
  installationId: number,
  repositoryIds: readonly number[],
  start: Date,
  end: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ active: boolean }>(
    `SELECT EXISTS (
         SELECT 1 FROM issues WHERE installation_id = $1 AND repository_id = ANY($2::bigint[])
           AND ((opened_at >= $3 AND opened_at < $4) OR (closed_at >= $3 AND closed_at < $4)
             OR (first_response_at >= $3 AND first_response_at < $4)))
       OR EXISTS (
         SELECT 1 FROM experiences WHERE installation_id = $1 AND repository_id = ANY($2::bigint[])
           AND ((closed_at >= $3 AND closed_at < $4) OR (answered_at >= $3 AND answered_at < $4) OR outcome = 'pending')
       ) AS active`,
    [installationId, repositoryIds, start, end],
  );
  return rows[0]?.active ?? false;
}

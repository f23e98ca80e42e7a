import type { Queryable } from "../db/types.js";

/** A configuration check as its work sees it; `latest`: no newer push to the default branch is stored. */
export type ConfigCheckForWork = {
  id: number;
  installationId: number;
  repositoryId: number;
  fullName: string;
  headSha: string;
  onDefaultBranch: boolean;
  status: string;
  latest: boolean;
};

/** The work kind that posts a configuration check run. */
export const POST_CONFIG_CHECK = "config_check.post";

/**
 * Stores the check a push asks for, once per commit, and the work of posting it, in one statement;
 * null when that commit was checked already.
 */
export async function enqueueConfigCheck(
  tx: Queryable,
  check: { installationId: number; repositoryId: number; headSha: string; onDefaultBranch: boolean; at: Date },
): Promise<number | null> {
  const result = await tx.query<{ id: number }>(
    `WITH stored AS (
       INSERT INTO config_checks (installation_id, repository_id, head_sha, on_default_branch, status)
       VALUES ($1, $2, $3, $4, 'pending') ON CONFLICT DO NOTHING RETURNING id, installation_id, repository_id, head_sha),
     queued AS (
       INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
       SELECT installation_id, repository_id, $6, id::text, jsonb_build_object('headSha', head_sha), 'pending', $5 FROM stored)
     SELECT id FROM stored`,
    [check.installationId, check.repositoryId, check.headSha, check.onDefaultBranch, check.at, POST_CONFIG_CHECK],
  );
  return result.rows[0]?.id ?? null;
}

/** The check a piece of work posts, with its repository's name; null when it is gone. */
export async function configCheckForWork(db: Queryable, installationId: number, id: number): Promise<ConfigCheckForWork | null> {
  const result = await db.query<ConfigCheckForWork>(
    `SELECT c.id, c.installation_id AS "installationId", c.repository_id AS "repositoryId", r.full_name AS "fullName",
       c.head_sha AS "headSha", c.on_default_branch AS "onDefaultBranch", c.status,
       NOT EXISTS (SELECT 1 FROM config_checks n WHERE n.installation_id = c.installation_id AND n.repository_id = c.repository_id
         AND n.on_default_branch AND n.id > c.id) AS latest
     FROM config_checks c
     JOIN repositories r ON r.installation_id = c.installation_id AND r.id = c.repository_id
     WHERE c.installation_id = $1 AND c.id = $2`,
    [installationId, id],
  );
  return result.rows[0] ?? null;
}

export async function markConfigCheckPosted(
  db: Queryable,
  check: Pick<ConfigCheckForWork, "id" | "installationId">,
  checkRunId: number,
): Promise<void> {
  await db.query("UPDATE config_checks SET status = 'posted', check_run_id = $3 WHERE installation_id = $1 AND id = $2", [
    check.installationId,
    check.id,
    checkRunId,
  ]);
}

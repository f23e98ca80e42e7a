import type { Queryable } from "../db/types.js";

export type IdentityLink = { deskIdentity: string; githubUserId: number; githubLogin: string; linkedAt: Date };

/**
 * The GitHub user a login names in an installation, as the app last saw them: the reporter of an
 * issue, or its first responder (a login can change hands: the latest sighting wins). Null when the
 * installation never saw that login (or only anonymously, after a forget-me).
 */
export async function githubUserSeen(db: Queryable, installationId: number, login: string): Promise<{ id: number; login: string } | null> {
  const { rows } = await db.query<{ id: number; login: string }>(
    `SELECT id, login FROM (
       SELECT reporter_id AS id, reporter_login AS login, opened_at AS seen_at FROM issues
       WHERE installation_id = $1 AND lower(reporter_login) = lower($2) AND reporter_id > 0
       UNION ALL
       SELECT first_responder_id, first_responder_login, first_response_at FROM issues
       WHERE installation_id = $1 AND lower(first_responder_login) = lower($2) AND first_responder_id IS NOT NULL
     ) seen ORDER BY seen_at DESC NULLS LAST LIMIT 1`,
    [installationId, login],
  );
  return rows[0] ?? null;
}

/** Links a desk identity to a GitHub user (replacing an earlier link of that identity). Returns whether it replaced one. */
export async function linkIdentity(
  db: Queryable,
  installationId: number,
  link: Omit<IdentityLink, "linkedAt">,
  now: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ replaced: boolean }>(
    `INSERT INTO identity_links (installation_id, desk_identity, github_user_id, github_login, linked_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (installation_id, desk_identity) DO UPDATE
       SET github_user_id = EXCLUDED.github_user_id, github_login = EXCLUDED.github_login, linked_at = EXCLUDED.linked_at
     RETURNING xmax <> 0 AS replaced`,
    [installationId, link.deskIdentity, link.githubUserId, link.githubLogin, now],
  );
  return rows[0]?.replaced ?? false;
}

export async function unlinkIdentity(db: Queryable, installationId: number, deskIdentity: string): Promise<boolean> {
  const { rowCount } = await db.query("DELETE FROM identity_links WHERE installation_id = $1 AND lower(desk_identity) = lower($2)", [
    installationId,
    deskIdentity,
  ]);
  return rowCount > 0;
}

export async function listIdentityLinks(db: Queryable, installationId: number): Promise<IdentityLink[]> {
  const { rows } = await db.query<IdentityLink>(
    `SELECT desk_identity AS "deskIdentity", github_user_id AS "githubUserId", github_login AS "githubLogin", linked_at AS "linkedAt"
     FROM identity_links WHERE installation_id = $1 ORDER BY desk_identity`,
    [installationId],
  );
  return rows;
}

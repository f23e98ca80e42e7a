import type { Queryable } from "../db/types.js";

export type Outcome = "positive" | "negative" | "neutral";

/** An experience a desk reported through the feedback API: no issue, no survey, its reporter as the desk knows them. */
export type DeskExperience = {
  installationId: number;
  repositoryId: number;
  channel: string;
  deskIdentity: string;
  outcome: Outcome;
  occurredAt: Date;
  url: string | null;
  comment: string | null;
};

export type StoredDeskExperience = DeskExperience & { id: number };

/**
 * Inserts a desk's experience, closed and answered when it occurred. With an idempotency key already
 * used in the installation nothing is inserted and null comes back (the unique index waits for a
 * concurrent insert of the same key to commit or roll back first).
 */
export async function insertDeskExperience(
  db: Queryable,
  experience: DeskExperience,
  idempotencyKey: string | null,
  receivedAt: Date,
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO experiences (installation_id, repository_id, channel, desk_identity, outcome, closed_at, answered_at,
       url, comment, idempotency_key, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10)
     ON CONFLICT (installation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      experience.installationId,
      experience.repositoryId,
      experience.channel,
      experience.deskIdentity,
      experience.outcome,
      experience.occurredAt,
      experience.url,
      experience.comment,
      idempotencyKey,
      receivedAt,
    ],
  );
  return rows[0]?.id ?? null;
}

/** The desk experience an idempotency key recorded in the installation, if it is still stored. */
export async function deskExperienceByKey(
  db: Queryable,
  installationId: number,
  idempotencyKey: string,
): Promise<StoredDeskExperience | null> {
  const { rows } = await db.query<StoredDeskExperience>(
    `SELECT id, installation_id AS "installationId", repository_id AS "repositoryId", channel, desk_identity AS "deskIdentity",
       outcome, closed_at AS "occurredAt", url, comment
     FROM experiences WHERE installation_id = $1 AND idempotency_key = $2`,
    [installationId, idempotencyKey],
  );
  return rows[0] ?? null;
}

/**
 * Forgets a desk identity in one installation: its experiences (with their comments) and its link to a
 * GitHub user. The identity is matched in any case, so every spelling the desk sent goes (rows are
 * stored in lower case since migration 022; lower() on both sides keeps the promise for any other).
 */
export async function deleteDeskIdentity(
  tx: Queryable,
  installationId: number,
  identity: string,
): Promise<{ experiences: number; links: number }> {
  const experiences = await tx.query(
    "DELETE FROM experiences WHERE installation_id = $1 AND desk_identity IS NOT NULL AND lower(desk_identity) = lower($2)",
    [installationId, identity],
  );
  const links = await tx.query("DELETE FROM identity_links WHERE installation_id = $1 AND lower(desk_identity) = lower($2)", [
    installationId,
    identity,
  ]);
  return { experiences: experiences.rowCount, links: links.rowCount };
}

/**
 * Forgets the desk identities linked to a GitHub user (their experiences, in any case, and the
 * links): the person asked to be forgotten.
 */
export async function deleteLinkedDeskIdentities(
  tx: Queryable,
  installationId: number,
  userId: number,
): Promise<{ experiences: number; links: number }> {
  const experiences = await tx.query(
    `DELETE FROM experiences e USING identity_links link
     WHERE e.installation_id = $1 AND link.installation_id = $1 AND link.github_user_id = $2
       AND e.desk_identity IS NOT NULL AND lower(e.desk_identity) = lower(link.desk_identity)`,
    [installationId, userId],
  );
  const links = await tx.query("DELETE FROM identity_links WHERE installation_id = $1 AND github_user_id = $2", [installationId, userId]);
  return { experiences: experiences.rowCount, links: links.rowCount };
}

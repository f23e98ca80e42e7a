import type { Queryable } from "../db/types.js";
import { FOLLOW_UP_REPLY } from "./follow-ups.js";
import { FORGOTTEN } from "./issues.js";
import { ASK_SURVEY, READ_REACTIONS } from "./surveys.js";
import { deleteWork } from "./work.js";

// A deleted survey takes its queued work with it.
const SURVEY_WORK = [ASK_SURVEY, READ_REACTIONS];

export { FORGOTTEN };

/** Whether this GitHub user asked this installation to forget them. */
export async function isOptedOut(db: Queryable, installationId: number, userId: number): Promise<boolean> {
  const result = await db.query("SELECT 1 FROM opt_outs WHERE installation_id = $1 AND user_id = $2", [installationId, userId]);
  return result.rowCount > 0;
}

/** Records the opt-out (the user id only). Returns false when the person had already left. */
export async function recordOptOut(tx: Queryable, installationId: number, userId: number, at: Date): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO opt_outs (installation_id, user_id, opted_out_at) VALUES ($1, $2, $3)
     ON CONFLICT (installation_id, user_id) DO NOTHING RETURNING user_id`,
    [installationId, userId, at],
  );
  return result.rowCount === 1;
}

/**
 * Deletes a person's surveys in one installation, open ones included (never read again), and the
 * experiences recorded from them (with the reasons they gave). Returns how many of each.
 */
export async function deletePersonSurveys(
  tx: Queryable,
  installationId: number,
  userId: number,
): Promise<{ experiences: number; surveys: number }> {
  const experiences = await tx.query<{ id: number }>(
    "DELETE FROM experiences WHERE installation_id = $1 AND reporter_id = $2 RETURNING id",
    [installationId, userId],
  );
  // A follow-up not made yet is never made.
  await deleteWork(
    tx,
    installationId,
    [FOLLOW_UP_REPLY],
    experiences.rows.map((row) => String(row.id)),
  );
  const surveys = await tx.query<{ id: number }>(
    `WITH gone AS (DELETE FROM surveys WHERE installation_id = $1 AND reporter_id = $2 RETURNING installation_id, id),
     unqueued AS (DELETE FROM work w USING gone
       WHERE w.installation_id = gone.installation_id AND w.kind = ANY($3::text[]) AND w.key = gone.id::text)
     SELECT id FROM gone`,
    [installationId, userId, SURVEY_WORK],
  );
  return { experiences: experiences.rowCount, surveys: surveys.rowCount };
}

/**
 * Makes the issues a person reported anonymous: no user id, login or title of theirs. The type and
 * author association stay, so the service figures (closed, response and close times) are unchanged.
 */
export async function scrubReporter(tx: Queryable, installationId: number, userId: number): Promise<number> {
  const result = await tx.query(
    `UPDATE issues SET reporter_id = $3, reporter_login = $4, title = ''
     WHERE installation_id = $1 AND reporter_id = $2`,
    [installationId, userId, FORGOTTEN.id, FORGOTTEN.login],
  );
  return result.rowCount;
}

/** Replaces a person as first responder (found by id, or by login on rows stored before ids were). */
export async function scrubResponder(tx: Queryable, installationId: number, person: { id: number; login: string }): Promise<number> {
  const result = await tx.query(
    `UPDATE issues SET first_responder_id = NULL, first_responder_login = $4
     WHERE installation_id = $1
       AND (first_responder_id = $2 OR (first_responder_id IS NULL AND lower(first_responder_login) = lower($3)))`,
    [installationId, person.id, person.login, FORGOTTEN.login],
  );
  return result.rowCount;
}

/** Records the reply that confirmed an opt-out. */
export async function markOptOutConfirmed(
  db: Queryable,
  installationId: number,
  userId: number,
  confirmation: { commentId: number; at: Date },
): Promise<void> {
  await db.query("UPDATE opt_outs SET confirmation_comment_id = $3, confirmed_at = $4 WHERE installation_id = $1 AND user_id = $2", [
    installationId,
    userId,
    confirmation.commentId,
    confirmation.at,
  ]);
}

/**
 * Retention: deletes the experiences, and the surveys, of closes before `cutoff` (one at the cutoff
 * stays). Acts across all installations on purpose: it is a rule of time, not of one installation.
 * Returns how many experiences were deleted.
 */
export async function deleteClosedBefore(tx: Queryable, cutoff: Date): Promise<number> {
  const experiences = await tx.query("DELETE FROM experiences WHERE closed_at < $1 RETURNING id", [cutoff]);
  await tx.query(
    `WITH gone AS (DELETE FROM surveys WHERE closed_at < $1 RETURNING installation_id, id)
     DELETE FROM work w USING gone WHERE w.installation_id = gone.installation_id AND w.kind = ANY($2::text[]) AND w.key = gone.id::text`,
    [cutoff, SURVEY_WORK],
  );
  return experiences.rowCount;
}

/** Whether the confirmation reply to a person's opt-out was posted (true also when there is no opt-out to confirm). */
export async function isOptOutConfirmed(db: Queryable, installationId: number, userId: number): Promise<boolean> {
  const { rows } = await db.query<{ confirmed: boolean }>(
    "SELECT confirmation_comment_id IS NOT NULL AS confirmed FROM opt_outs WHERE installation_id = $1 AND user_id = $2",
    [installationId, userId],
  );
  return rows[0]?.confirmed ?? true;
}

/** A reply that failed for good keeps no login of the person it was for. */
export async function dropLoginFromWork(tx: Queryable, installationId: number, kind: string, key: string): Promise<void> {
  await tx.query("UPDATE work SET payload = payload - 'login' WHERE installation_id = $1 AND kind = $2 AND key = $3", [
    installationId,
    kind,
    key,
  ]);
}

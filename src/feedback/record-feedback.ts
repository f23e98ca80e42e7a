import type { Queryable } from "../db/types.js";
import type { DeskExperience } from "../queries/desk-experiences.js";
import { deskExperienceByKey, insertDeskExperience } from "../queries/desk-experiences.js";
import type { FeedbackBody } from "./feedback-body.js";
import { outcomeOf } from "./feedback-body.js";

/** What a POST did: recorded (or found recorded by its idempotency key), or a key already used for other feedback. */
export type Recorded = { kind: "recorded"; id: number; replayed: boolean } | { kind: "key_reused" };

function sameFeedback(stored: DeskExperience, sent: DeskExperience): boolean {
  return (
    stored.repositoryId === sent.repositoryId &&
    stored.channel === sent.channel &&
    stored.deskIdentity === sent.deskIdentity &&
    stored.outcome === sent.outcome &&
    stored.occurredAt.getTime() === sent.occurredAt.getTime() &&
    stored.url === sent.url &&
    stored.comment === sent.comment
  );
}

/**
 * Records a desk's experience in a repository of the installation, closed and answered when it
 * occurred, received at `now`. With an idempotency key the installation already used, nothing new is
 * stored: the same feedback gets the experience recorded the first time (`replayed`), other feedback
 * under that key is refused. The insert and the look-up are two statements, so the look-up sees a
 * concurrent retry's row once the unique index has let this one through.
 */
export async function recordFeedback(
  db: Queryable,
  target: { installationId: number; repositoryId: number },
  body: FeedbackBody,
  idempotencyKey: string | null,
  now: Date,
): Promise<Recorded> {
  const experience: DeskExperience = {
    ...target,
    channel: body.channel,
    deskIdentity: body.reporter,
    outcome: outcomeOf(body.rating),
    occurredAt: body.occurredAt,
    url: body.url ?? null,
    comment: body.comment ?? null,
  };
  const id = await insertDeskExperience(db, experience, idempotencyKey, now);
  if (id !== null) return { kind: "recorded", id, replayed: false };
  if (idempotencyKey === null) throw new Error("experience insert without an idempotency key returned no row");
  const stored = await deskExperienceByKey(db, target.installationId, idempotencyKey);
  // Deleted in between (forget, retention, uninstall): a conflict the desk can resolve with a new key.
  if (!stored || !sameFeedback(stored, experience)) return { kind: "key_reused" };
  return { kind: "recorded", id: stored.id, replayed: true };
}

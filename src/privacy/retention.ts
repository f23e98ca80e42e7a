import type { Db } from "../db/types.js";
import { deleteKnowledgeBefore } from "../queries/knowledge-privacy.js";
import { deleteClosedBefore } from "../queries/privacy.js";

const DAY_MS = 86_400_000;

/** The oldest close time kept: `days` whole days of 24 hours before `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Retention (RETENTION_DAYS): deletes the experiences whose close is more than `days` before `now`,
 * with their surveys (and the knowledge base's text of those issues, and its answers made before the
 * cutoff); an experience closed exactly at the cutoff is kept. It runs with every sweep
 * and acts across all installations, because it is a rule of time, not of one installation.
 * Returns how many experiences were deleted.
 */
export async function applyRetention(db: Db, now: Date, days: number): Promise<number> {
  if (!Number.isFinite(days) || days < 1) throw new RangeError(`retention must be at least 1 day (got ${days})`);
  const cutoff = retentionCutoff(now, days);
  return db.transaction(async (tx) => {
    await deleteKnowledgeBefore(tx, cutoff);
    return deleteClosedBefore(tx, cutoff);
  });
}

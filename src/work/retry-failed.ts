import type { Db } from "../db/types.js";
import { requeueFailedWork } from "../queries/failed-work.js";
import type { WorkKind } from "./kind.js";

class RetryRefused extends Error {}

/**
 * Puts failed work back for one more try, due at `now` (`satisfaction-bot retry`), with what its
 * kind restores of its own row, in one transaction. Its attempts are kept: one more try, then
 * failed again. `refusal` says why not when the kind refused; null when there was no failed work.
 */
export async function retryFailedWork(
  db: Db,
  kind: WorkKind,
  ref: { installationId: number; key: string },
  now: Date,
): Promise<{ retried: true } | { retried: false; refusal: string | null }> {
  try {
    return await db.transaction(async (tx) => {
      if (!(await requeueFailedWork(tx, ref.installationId, kind.name, ref.key, now))) return { retried: false as const, refusal: null };
      const refusal = (await kind.onRetry?.(tx, ref)) ?? null;
      if (refusal !== null) throw new RetryRefused(refusal);
      return { retried: true as const };
    });
  } catch (error) {
    if (!(error instanceof RetryRefused)) throw error;
    return { retried: false, refusal: error.message };
  }
}

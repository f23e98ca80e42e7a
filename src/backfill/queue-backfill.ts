import type { Queryable } from "../db/types.js";
import { DEFAULT_BACKFILL_DAYS } from "../env.js";
import { queueBackfillRun } from "../queries/backfill-runs.js";
import type { WorkRef } from "../queries/work.js";
import { enqueueWork } from "../queries/work.js";

/** The one piece of work that walks an installation's backfill runs, a repository at a time. */
export const BACKFILL_INSTALLATION = "backfill.installation";

const DAY_MS = 86_400_000;
// A webhook is delivered a little after its event: comments from this margin before the installation
// on may have come as webhooks too, so the backfill leaves them uncounted rather than count them twice.
const DELIVERY_MARGIN_MS = 60_000;

/** What a backfill queued on a webhook at `now` imports: `days` of history, counting comments until the webhooks took over. */
export function backfillWindow(now: Date, days: number): { since: Date; countsBefore: Date; now: Date } {
  return { since: new Date(now.getTime() - days * DAY_MS), countsBefore: new Date(now.getTime() - DELIVERY_MARGIN_MS), now };
}

export type QueuedBackfill = { ref: WorkRef; runs: { repositoryId: number; id: number; since: Date; queued: boolean }[] };

/**
 * Queues a backfill run for each repository (one already pending is kept) and the installation's
 * work that walks them, in the caller's transaction. Null when there is nothing to import.
 */
export async function queueBackfill(
  tx: Queryable,
  installationId: number,
  repositoryIds: readonly number[],
  window: { since: Date; countsBefore: Date; now: Date },
): Promise<QueuedBackfill | null> {
  if (repositoryIds.length === 0 || window.since >= window.now) return null;
  const runs: QueuedBackfill["runs"] = [];
  for (const repositoryId of repositoryIds) {
    const run = await queueBackfillRun(tx, {
      installationId,
      repositoryId,
      since: window.since,
      countsBefore: window.countsBefore,
      queuedAt: window.now,
    });
    runs.push({ repositoryId, ...run });
  }
  const ref = { installationId, kind: BACKFILL_INSTALLATION, key: String(installationId) };
  await enqueueWork(tx, { ...ref, repositoryId: null, runAt: window.now });
  return { ref, runs };
}

/**
 * The backfill of repositories the installation was just given (installation.created,
 * installation_repositories.added), queued with the delivery: `days` (BACKFILL_DAYS) back from its receipt.
 */
export function queueWebhookBackfill(
  tx: Queryable,
  settings: { clock: () => Date; backfillDays?: number | undefined },
  installationId: number,
  repositories: readonly { id: number }[],
): Promise<QueuedBackfill | null> {
  const window = backfillWindow(settings.clock(), settings.backfillDays ?? DEFAULT_BACKFILL_DAYS);
  return queueBackfill(
    tx,
    installationId,
    repositories.map((repository) => repository.id),
    window,
  );
}

import type { RateLimit } from "../github/backfill-listings.js";
import { nextPendingRun } from "../queries/backfill-runs.js";
import type { WorkKind, WorkOutcome } from "../work/kind.js";
import { done } from "../work/kind.js";
import { backfillPage } from "./backfill-page.js";
import { BACKFILL_INSTALLATION } from "./queue-backfill.js";

// Pages read per claim: well inside the two-minute lease even when GitHub is slow (10 s a request,
// retried once), and gentle on the installation's rate limit when the sweep goes on every minute.
const PAGES_PER_CLAIM = 5;
// The share of the installation's hourly requests left to its surveys and summaries: below it, the
// backfill waits for the limit to reset.
const RATE_LIMIT_RESERVE = 0.2;
const MIN_WAIT_MS = 60_000;

function waitForReset(rateLimit: RateLimit, now: Date): Date | null {
  if (!rateLimit || rateLimit.remaining >= rateLimit.limit * RATE_LIMIT_RESERVE) return null;
  return new Date(Math.max(rateLimit.resetAt.getTime(), now.getTime() + MIN_WAIT_MS));
}

/**
 * Backfilling an installation: its pending runs in order, one repository at a time (this one piece
 * of work per installation is the only one that reads them), a few pages per claim. It runs again
 * at once while pages remain, and after the rate limit's reset when the installation's requests run low.
 */
export const backfillInstallation: WorkKind = {
  name: BACKFILL_INSTALLATION,
  maxAttempts: 8,
  finalStatuses: [],
  async handle(context, item): Promise<WorkOutcome> {
    const { log, now } = context;
    for (let page = 0; page < PAGES_PER_CLAIM; page++) {
      const run = await nextPendingRun(context.db, item.installationId);
      if (!run) return done("finished");
      const result = await backfillPage(context, run);
      if (result.run === "done")
        log.info({ installationId: run.installationId, repositoryId: run.repositoryId, runId: run.id }, "backfill: repository imported");
      const resetAt = waitForReset(result.rateLimit, now);
      if (resetAt) {
        log.info(
          { installationId: item.installationId, remaining: result.rateLimit?.remaining, resetAt },
          "backfill: rate limit low; waits for its reset",
        );
        return { next: resetAt };
      }
    }
    return (await nextPendingRun(context.db, item.installationId)) ? { next: now } : done("finished");
  },
};

import type { BackfillCursor } from "../queries/backfill-runs.js";

/** What the cursor needs of a page just read: whether GitHub has a next one, and its items' update times. */
export type PageShape = { hasNext: boolean; updatedAts: readonly Date[] };

/** After the last page of a listing: the next listing, or the next issue whose whole conversation is read. */
export type CursorStep = BackfillCursor | { olderIssueAfter: number | null };

const SECOND = 1000;

/**
 * The cursor after a page. The two repository-wide listings (issues, then comments) are sorted by
 * update time, least recent first: an item updated while the run reads moves to the end and shifts
 * the pages after it, so a page number alone could skip an item. The next page is asked `since` the
 * last item's time instead, a second earlier (whether GitHub's `since` includes the instant or not):
 * the items read again at that edge are applied once (see backfill_seen and the issue upsert). When
 * that time does not move the cursor (a whole page updated in the same second), the page number does.
 * One issue's comments (older_comments) are read by page number, oldest first.
 */
export function nextCursor(run: BackfillCursor & { since: Date }, page: PageShape): CursorStep {
  const at = { phase: run.phase, cursorSince: run.cursorSince, page: run.page, issueNumber: run.issueNumber };
  if (run.phase === "older_comments") {
    return page.hasNext ? { ...at, page: run.page + 1 } : { olderIssueAfter: run.issueNumber };
  }
  if (!page.hasNext) {
    return run.phase === "issues" ? { phase: "comments", cursorSince: run.since, page: 1, issueNumber: null } : { olderIssueAfter: null };
  }
  const last = Math.max(...page.updatedAts.map((at) => at.getTime()));
  const edge = new Date(Math.floor(last / SECOND) * SECOND - SECOND);
  if (page.updatedAts.length > 0 && edge > run.cursorSince) return { ...at, cursorSince: edge, page: 1 };
  return { ...at, page: run.page + 1 };
}

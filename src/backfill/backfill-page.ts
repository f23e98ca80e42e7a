import type { ListedComment, ListedIssue, ListingPage, RateLimit } from "../github/backfill-listings.js";
import { listCommentsPage, listIssueCommentsPage, listIssuesPage } from "../github/backfill-listings.js";
import { httpStatus, isRateLimit, isSuspension } from "../github/octokit.js";
import type { BackfillRun } from "../queries/backfill-runs.js";
import { finishRun, lockCursor, moveCursor } from "../queries/backfill-runs.js";
import { nextOlderIssue } from "../queries/backfill-seen.js";
import type { WorkContext } from "../work/kind.js";
import { nextCursor } from "./cursor.js";
import { importComments } from "./import-comments.js";
import { importIssues } from "./import-issues.js";

/** How a page went: the run `done` (or `unreadable`) after it, `moved` on, or `stale` (another worker had read it). */
export type PageResult = { run: "moved" | "done" | "unreadable" | "stale"; rateLimit: RateLimit };

type Listing = { issues: ListingPage<ListedIssue> } | { comments: ListingPage<ListedComment> };

// Answers that say the repository cannot be read at all: it is gone, or the app may not read its issues.
const UNREADABLE = new Set([403, 404, 410, 451]);

function listPage(context: WorkContext, run: BackfillRun): Promise<Listing> {
  const { octokit } = context;
  if (run.phase === "issues") return listIssuesPage(octokit, run.fullName, run.cursorSince, run.page).then((issues) => ({ issues }));
  if (run.phase === "comments")
    return listCommentsPage(octokit, run.fullName, run.cursorSince, run.page).then((comments) => ({ comments }));
  return listIssueCommentsPage(octokit, run.fullName, run.issueNumber ?? 0, run.page).then((comments) => ({ comments }));
}

/**
 * Reads the run's next page from GitHub, then stores it and moves the cursor past it in one
 * transaction: a process stopped at any point leaves the run at a page boundary, and it goes on
 * from there without importing anything twice.
 */
export async function backfillPage(context: WorkContext, run: BackfillRun): Promise<PageResult> {
  const { db, log, now } = context;
  let listing: Listing;
  try {
    listing = await listPage(context, run);
  } catch (error) {
    const status = httpStatus(error);
    if (isRateLimit(error) || isSuspension(error) || !UNREADABLE.has(status ?? 0)) throw error;
    await db.transaction((tx) => finishRun(tx, run, "unreadable", now));
    log.warn(
      { installationId: run.installationId, repositoryId: run.repositoryId, runId: run.id, status },
      "backfill: repository unreadable",
    );
    return { run: "unreadable", rateLimit: null };
  }
  const page = "issues" in listing ? listing.issues : listing.comments;
  if (page.malformed > 0) log.warn({ runId: run.id, phase: run.phase, malformed: page.malformed }, "backfill: malformed items skipped");
  const result = await db.transaction(async (tx) => {
    if (!(await lockCursor(tx, run))) return "stale" as const;
    const added = {
      issues: "issues" in listing ? await importIssues(tx, run, listing.issues.items) : 0,
      comments: "comments" in listing ? await importComments(tx, run, listing.comments.items) : 0,
    };
    const step = nextCursor(run, { hasNext: page.hasNext, updatedAts: page.items.map((item) => item.updated_at) });
    if (!("olderIssueAfter" in step)) {
      await moveCursor(tx, run, step, added);
      return "moved" as const;
    }
    const issueNumber = await nextOlderIssue(tx, run, step.olderIssueAfter);
    await moveCursor(tx, run, { phase: "older_comments", cursorSince: run.since, page: 1, issueNumber }, added);
    if (issueNumber !== null) return "moved" as const;
    await finishRun(tx, run, "done", now);
    return "done" as const;
  });
  return { run: result, rateLimit: page.rateLimit };
}

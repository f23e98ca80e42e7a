import type { Queryable } from "../db/types.js";
import type { ListedIssue } from "../github/backfill-listings.js";
import type { BackfillRun } from "../queries/backfill-runs.js";
import { markSeen, takeIssueForRun } from "../queries/backfill-seen.js";
import { upsertIssue } from "../queries/issues.js";
import { isOptedOut } from "../queries/privacy.js";

/**
 * Stores a page of the repository's issues, in the page's transaction: state, labels, title, times
 * and reporter, as a webhook would (an issue the webhooks saw newer keeps their state). Pull requests
 * are skipped, and so are the issues of a reporter who asked to be forgotten. The run takes the
 * issues no other run imported; of those opened before its `since`, whose earlier comments the
 * comment listing will not return, it notes the ones with comments to read in full. Opens no survey.
 */
export async function importIssues(tx: Queryable, run: BackfillRun, issues: readonly ListedIssue[]): Promise<number> {
  let imported = 0;
  const older: number[] = [];
  for (const issue of issues) {
    if (issue.pull_request !== undefined) continue;
    if (await isOptedOut(tx, run.installationId, issue.user.id)) continue;
    const key = { installationId: run.installationId, repositoryId: run.repositoryId, number: issue.number };
    await upsertIssue(tx, key, issue);
    const taken = await takeIssueForRun(tx, key, run.id);
    if (taken === "other") continue;
    if (taken === "imported") imported++;
    if (issue.created_at < run.since && issue.comments !== 0) older.push(issue.number);
  }
  await markSeen(tx, run, "older_issue", older);
  return imported;
}

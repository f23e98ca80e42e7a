import type { Queryable } from "../db/types.js";
import { DAY, HOUR, MINUTE } from "./random.js";
import type { IssueRow } from "./traffic.js";

// The knowledge base of the example: switched on four weeks before the summary is posted. Every
// issue opened since got an answer comment 20 seconds after it was opened, and its reporter rated it
// by a fixed rule on the issue's number (no randomness, so the rest of the traffic is drawn as
// before): two in five helpful after 3 hours, one in five not helpful after 40 minutes, the rest
// silent until the window ended. A helpful answer on an issue closed within two days deflected it:
// no maintainer replied (the traffic's first response is dropped).

const ENABLED_WEEKS = 4;

const answered = (issue: IssueRow, now: number): boolean => issue.openedAt >= now - ENABLED_WEEKS * 7 * DAY;
const helpful = (issue: IssueRow): boolean => issue.number % 5 < 2;

/** Whether the example's knowledge base deflected the issue: it then has no first response. */
export function deflected(issue: IssueRow, now: number): boolean {
  return answered(issue, now) && helpful(issue) && issue.closedAt !== null && issue.closedAt - issue.openedAt < 2 * DAY;
}

type Rating = { rating: "helpful" | "not_helpful" | "unrated"; at: number } | { rating: null; at: null };

function ratingOf(issue: IssueRow, postedAt: number, now: number): Rating {
  const rated: Rating = helpful(issue)
    ? { rating: "helpful", at: postedAt + 3 * HOUR }
    : issue.number % 5 === 2
      ? { rating: "not_helpful", at: postedAt + 40 * MINUTE }
      : { rating: "unrated", at: postedAt + 14 * DAY };
  return rated.at <= now ? rated : { rating: null, at: null };
}

/** The answers of the example's traffic, stored as the knowledge base's work leaves them. */
export async function storeKnowledgeAnswers(
  db: Queryable,
  target: { installationId: number; repositoryId: number },
  issues: IssueRow[],
  reporterId: (issue: IssueRow) => number,
  now: number,
): Promise<void> {
  let commentId = 2_500_000_000;
  for (const issue of issues) {
    if (!answered(issue, now)) continue;
    const postedAt = issue.openedAt + 20_000;
    const { rating, at } = ratingOf(issue, postedAt, now);
    await db.query(
      `INSERT INTO knowledge_answers (installation_id, repository_id, issue_number, reporter_id, status, query_key, links, comment_id,
         comment_node_id, posted_at, window_ends_at, rating, rated_at, minimized_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '[{"key": "faq:docs/FAQ.md#installing"}]', $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        target.installationId,
        target.repositoryId,
        issue.number,
        reporterId(issue),
        rating === null ? "posted" : "ended",
        `example-${issue.number}`,
        commentId,
        `IC_example${commentId++}`,
        new Date(postedAt).toISOString(),
        new Date(postedAt + 14 * DAY).toISOString(),
        rating,
        at === null ? null : new Date(at).toISOString(),
        rating === "not_helpful" ? new Date(at).toISOString() : null,
        new Date(issue.openedAt).toISOString(),
      ],
    );
  }
}

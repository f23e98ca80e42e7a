import type { Queryable } from "../db/types.js";
import { DAY, HOUR } from "./random.js";
import type { IssueRow } from "./traffic.js";

// The example's other channels, by fixed rules (no randomness, so the issues' traffic is drawn as
// before). GitHub Discussions: every other `question` issue was a Q&A discussion instead (no labels,
// no follow-up: the app follows up issues only). An email desk reports through the feedback API
// three to five experiences a week, from a small pool of customers who come back.

const isDiscussion = (issue: IssueRow): boolean => issue.labels[0] === "question" && issue.number % 2 === 0;

const DESK_OUTCOMES = ["positive", "positive", "negative", "positive", "neutral", "positive", "positive"] as const;
const CUSTOMERS = 11;

/** Turns the example's chosen question issues into discussions, with their experiences. */
async function storeDiscussions(db: Queryable, target: { installationId: number; repositoryId: number }, issues: IssueRow[]) {
  const numbers = issues.filter(isDiscussion).map((issue) => issue.number);
  const params = [target.installationId, target.repositoryId, numbers];
  const where = "installation_id = $1 AND repository_id = $2 AND issue_number = ANY($3::int[])";
  await db.query(
    `UPDATE issues SET channel = 'discussions', labels = '{}' WHERE installation_id = $1 AND repository_id = $2 AND number = ANY($3::int[])`,
    params,
  );
  await db.query(
    `UPDATE experiences SET channel = 'discussions', followed_up_at = NULL, follow_up_comment_id = NULL, reason = NULL,
       reason_comment_id = NULL, reason_at = NULL WHERE ${where}`,
    params,
  );
}

/** The email desk's experiences from `firstDay` to `now`: on weekdays, each with its customer and outcome by rule. */
async function storeDeskExperiences(
  db: Queryable,
  target: { installationId: number; repositoryId: number },
  firstDay: number,
  now: number,
) {
  let index = 0;
  for (let day = firstDay; day + DAY <= now; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6 || (day / DAY) % 3 === 1) continue;
    const at = new Date(day + (9 + (index % 8)) * HOUR).toISOString();
    const customer = `customer-${(index * 7) % CUSTOMERS}@example.com`;
    await db.query(
      `INSERT INTO experiences (installation_id, repository_id, channel, desk_identity, closed_at, answered_at, outcome, received_at)
       VALUES ($1, $2, 'email', $3, $4, $4, $5, $4)`,
      [target.installationId, target.repositoryId, customer, at, DESK_OUTCOMES[index % DESK_OUTCOMES.length]],
    );
    index++;
  }
}

/** The example's discussions and email desk, beside its issues. */
export async function storeOtherChannels(
  db: Queryable,
  target: { installationId: number; repositoryId: number },
  issues: IssueRow[],
  firstDay: number,
  now: number,
): Promise<void> {
  await storeDiscussions(db, target, issues);
  await storeDeskExperiences(db, target, firstDay, now);
}

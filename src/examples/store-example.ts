import type { Queryable } from "../db/types.js";
import { storeOtherChannels } from "./channels.js";
import { NO_FOLLOW_UP, followUpOf } from "./follow-ups.js";
import { deflected, storeKnowledgeAnswers } from "./knowledge.js";
import { DAY } from "./random.js";
import type { IssueRow } from "./traffic.js";
import { REPORTERS } from "./vocabulary.js";

/** The installation and repository the example's traffic belongs to. */
export type ExampleTarget = { installationId: number; repositoryId: number; fullName: string; stargazers: number };

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

const reporterIdOf = (issue: IssueRow): number => 5_100_000 + issue.reporter * 7919;

/** Stores the example's traffic in an empty database, as the app's own work would have left it. */
export async function storeExample(db: Queryable, target: ExampleTarget, issues: IssueRow[], now: number): Promise<void> {
  const { installationId, repositoryId } = target;
  await db.query("INSERT INTO installations (id, account_login, account_type) VALUES ($1, 'acme', 'Organization')", [installationId]);
  await db.query(
    `INSERT INTO repositories (installation_id, id, full_name, private, stargazers_count, default_branch)
     VALUES ($1, $2, $3, false, $4, 'main')`,
    [installationId, repositoryId, target.fullName, target.stargazers],
  );
  let commentId = 2_400_000_000;
  let negatives = 0;
  for (const each of issues) {
    const issue = deflected(each, now) ? { ...each, firstResponseAt: null, responder: null } : each;
    const login = REPORTERS[issue.reporter]!;
    const reporterId = reporterIdOf(issue);
    const lastChange = Math.max(issue.openedAt, issue.closedAt ?? 0, ...issue.reopenedAt);
    await db.query(
      `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type, author_association,
         labels, state, state_reason, opened_at, closed_at, first_response_at, first_responder_login, reopen_count, reopened_at,
         state_changed_at, title)
       VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6::text[], $7, $8, $9, $10, $11, $12, $13, $14::timestamptz[], $15, $16)`,
      [
        installationId,
        repositoryId,
        issue.number,
        reporterId,
        login,
        issue.labels,
        issue.closedAt === null ? "open" : "closed",
        issue.stateReason,
        iso(issue.openedAt),
        iso(issue.closedAt),
        iso(issue.firstResponseAt),
        issue.responder,
        issue.reopenedAt.length,
        issue.reopenedAt.map(iso),
        iso(lastChange),
        issue.title,
      ],
    );
    for (const s of issue.surveys) {
      const askedAt = s.closedAt + 4000;
      const created = await db.query<{ id: number }>(
        `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status, comment_id,
           asked_at, window_ends_at, poll_count, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          installationId,
          repositoryId,
          issue.number,
          iso(s.closedAt),
          reporterId,
          login,
          s.status,
          commentId++,
          iso(askedAt),
          iso(askedAt + 14 * DAY),
          s.status === "cancelled" ? 1 : 3,
          iso(s.endedAt),
        ],
      );
      if (s.outcome === null) continue;
      const followUp = s.outcome === "negative" ? followUpOf(negatives++, s.answeredAt ?? s.closedAt, commentId++) : NO_FOLLOW_UP;
      await db.query(
        `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, answered_at,
           followed_up_at, follow_up_comment_id, reason, reason_comment_id, reason_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          installationId,
          repositoryId,
          issue.number,
          created.rows[0]?.id,
          reporterId,
          iso(s.closedAt),
          s.outcome,
          iso(s.answeredAt),
          ...followUp,
        ],
      );
    }
  }
  const repository = { installationId, repositoryId };
  await storeKnowledgeAnswers(db, repository, issues, reporterIdOf, now);
  await storeOtherChannels(
    db,
    repository,
    issues,
    issues.reduce((first, issue) => Math.min(first, issue.openedAt), now),
    now,
  );
}

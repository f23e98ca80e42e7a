import type { Queryable } from "../../src/db/types.js";

/** Rows written straight into the tables, so a test states exactly what the report is computed from. */

export async function seedInstallation(db: Queryable, id: number): Promise<void> {
  await db.query("INSERT INTO installations (id, account_login, account_type) VALUES ($1, $2, 'Organization')", [id, `org-${id}`]);
}

export async function seedRepository(db: Queryable, installationId: number, id: number, fullName: string): Promise<void> {
  await db.query("INSERT INTO repositories (installation_id, id, full_name, private) VALUES ($1, $2, $3, false)", [
    installationId,
    id,
    fullName,
  ]);
}

export type SeedIssue = {
  installation: number;
  repo: number;
  number: number;
  reporter: number;
  openedAt: string;
  /** With an outcome: the close the survey asked about, and the experience's closed_at. */
  closedAt?: string;
  outcome?: "pending" | "positive" | "negative" | "neutral";
  /** When a pending survey's reactions are read next, its queued work (default: a week after the close). */
  nextPollAt?: string;
  /** When a maintainer first answered the issue (none by default). */
  firstResponseAt?: string;
  /** `discussions` for a discussion (stored beside the issues); `issues` by default. */
  channel?: "issues" | "discussions";
};

/** An issue; when it has an outcome, its survey and experience too (closed at `closedAt`). */
export async function seedIssue(db: Queryable, issue: SeedIssue): Promise<void> {
  const closed = issue.closedAt !== undefined;
  await db.query(
    `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type,
       author_association, state, state_reason, opened_at, closed_at, state_changed_at, first_response_at, channel)
     VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6, $7, $8, $9, $10, $11, $12)`,
    [
      issue.installation,
      issue.repo,
      issue.number,
      issue.reporter,
      `user-${issue.reporter}`,
      closed ? "closed" : "open",
      closed ? "completed" : null,
      new Date(issue.openedAt),
      closed ? new Date(issue.closedAt as string) : null,
      new Date(issue.closedAt ?? issue.openedAt),
      issue.firstResponseAt ? new Date(issue.firstResponseAt) : null,
      issue.channel ?? "issues",
    ],
  );
  if (!issue.outcome || !issue.closedAt) return;
  const closedAt = new Date(issue.closedAt);
  const pending = issue.outcome === "pending";
  const nextPoll = pending ? new Date(issue.nextPollAt ?? closedAt.getTime() + 7 * 86_400_000) : null;
  const survey = await db.query<{ id: number }>(
    `INSERT INTO surveys (installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status,
       comment_id, asked_at, window_ends_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $4, $4::timestamptz + interval '14 days', $9)
     RETURNING id`,
    [
      issue.installation,
      issue.repo,
      issue.number,
      closedAt,
      issue.reporter,
      `user-${issue.reporter}`,
      pending ? "asked" : "answered",
      issue.installation * 1000 + issue.number,
      pending ? null : closedAt,
    ],
  );
  if (nextPoll) {
    await db.query(
      `INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at)
       VALUES ($1, $2, 'survey.read', $3, $4, 'pending', $5)`,
      [issue.installation, issue.repo, String(survey.rows[0]?.id), JSON.stringify({ issueNumber: issue.number }), nextPoll],
    );
  }
  await db.query(
    `INSERT INTO experiences (installation_id, repository_id, issue_number, survey_id, reporter_id, closed_at, outcome, answered_at, channel)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      issue.installation,
      issue.repo,
      issue.number,
      survey.rows[0]?.id,
      issue.reporter,
      closedAt,
      issue.outcome,
      pending ? null : closedAt,
      issue.channel ?? "issues",
    ],
  );
}

export type SeedDeskExperience = {
  installation: number;
  repo: number;
  channel: string;
  identity: string;
  at: string;
  outcome: "positive" | "negative" | "neutral";
  url?: string;
  comment?: string;
};

/** An experience a desk reported (as the feedback API stores it): no issue, no survey. */
export async function seedDeskExperience(db: Queryable, desk: SeedDeskExperience): Promise<void> {
  await db.query(
    `INSERT INTO experiences (installation_id, repository_id, channel, desk_identity, closed_at, answered_at, outcome, received_at, url, comment)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $5, $7, $8)`,
    [desk.installation, desk.repo, desk.channel, desk.identity, new Date(desk.at), desk.outcome, desk.url ?? null, desk.comment ?? null],
  );
}

/**
 * Two experiences in November 2026, by two first-time reporters: #1 positive, closed after 1 day,
 * and #2 negative, closed after 2 days; neither answered before its close.
 */
export async function seedPositiveAndNegative(db: Queryable, installation: number, repo: number): Promise<void> {
  const opened = { installation, repo, openedAt: "2026-11-01T08:00:00Z" };
  await seedIssue(db, { ...opened, number: 1, reporter: 1, closedAt: "2026-11-02T08:00:00Z", outcome: "positive" });
  await seedIssue(db, { ...opened, number: 2, reporter: 2, closedAt: "2026-11-03T08:00:00Z", outcome: "negative" });
}

/** The operator's link from a desk identity to a GitHub user. */
export async function seedIdentityLink(db: Queryable, installation: number, identity: string, userId: number): Promise<void> {
  await db.query(
    `INSERT INTO identity_links (installation_id, desk_identity, github_user_id, github_login, linked_at)
     VALUES ($1, $2, $3, $4, now())`,
    [installation, identity, userId, `user-${userId}`],
  );
}

/** Turns the summaries off for every stored repository and organisation, so that a sweep finds none due. */
export async function turnSummariesOff(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE installations SET organization_config = '{"organization_summary": {"enabled": false}}'::jsonb,
       organization_config_loaded_at = now()`,
  );
  await db.query(
    `INSERT INTO repository_configs (installation_id, repository_id, config, loaded_at)
     SELECT installation_id, id, '{"summary": {"enabled": false}}'::jsonb, now() FROM repositories
     ON CONFLICT (installation_id, repository_id) DO UPDATE SET config = EXCLUDED.config`,
  );
}

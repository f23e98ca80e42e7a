import type { Queryable } from "../../src/db/types.js";

/** Rows written straight into the tables the operations surface reads: surveys, summaries, checks, their work, redeliveries. */

export type WorkSeed = {
  installation: number;
  repo: number | null;
  kind: string;
  key: number;
  payload: Record<string, unknown>;
  failed: boolean;
  runAt: string | null;
  attempts: number;
  lastError: string | null;
  failedAt?: string | null;
};

/** Queued work: pending, or failed with its last error (the seeders below add their rows' own). */
export async function seedWork(db: Queryable, work: WorkSeed): Promise<void> {
  await db.query(
    `INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at, attempts, last_error, failed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      work.installation,
      work.repo,
      work.kind,
      String(work.key),
      JSON.stringify(work.payload),
      work.failed ? "failed" : "pending",
      work.runAt ?? "2026-11-16T09:00:00Z",
      work.attempts,
      work.lastError,
      work.failed ? (work.failedAt ?? "2026-11-16T09:00:00Z") : null,
    ],
  );
}

export async function seedInstallation(db: Queryable, id: number, login: string, suspendedAt: string | null = null): Promise<void> {
  await db.query("INSERT INTO installations (id, account_login, account_type, suspended_at) VALUES ($1, $2, 'Organization', $3)", [
    id,
    login,
    suspendedAt,
  ]);
}

export async function seedRepository(db: Queryable, installationId: number, id: number, fullName: string, removedAt: string | null = null) {
  await db.query("INSERT INTO repositories (installation_id, id, full_name, private, removed_at) VALUES ($1, $2, $3, true, $4)", [
    installationId,
    id,
    fullName,
    removedAt,
  ]);
}

export type SurveySeed = {
  id: number;
  installation: number;
  repo: number;
  issue: number;
  status: string;
  reporterLogin?: string;
  closedAt?: string;
  /** The issue's state: closed by this survey's close unless said otherwise. */
  issueState?: "open" | "closed";
  nextPollAt?: string | null;
  attempts?: number;
  lastError?: string | null;
  endedAt?: string | null;
};

/** An issue closed at `closedAt` and its survey, with an explicit id. */
export async function seedSurvey(db: Queryable, survey: SurveySeed): Promise<void> {
  const closedAt = survey.closedAt ?? "2026-11-10T08:00:00Z";
  const login = survey.reporterLogin ?? `reporter-${survey.id}`;
  const open = survey.issueState === "open";
  await db.query(
    `INSERT INTO issues (installation_id, repository_id, number, reporter_id, reporter_login, reporter_type,
       author_association, state, state_reason, opened_at, closed_at, state_changed_at)
     VALUES ($1, $2, $3, $4, $5, 'User', 'NONE', $6, $7, '2026-11-01T08:00:00Z', $8, $9)`,
    [
      survey.installation,
      survey.repo,
      survey.issue,
      5_000 + survey.id,
      login,
      open ? "open" : "closed",
      open ? null : "completed",
      open ? null : closedAt,
      open ? "2026-11-25T08:00:00Z" : closedAt,
    ],
  );
  await db.query(
    `INSERT INTO surveys (id, installation_id, repository_id, issue_number, closed_at, reporter_id, reporter_login, status, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [survey.id, survey.installation, survey.repo, survey.issue, closedAt, 5_000 + survey.id, login, survey.status, survey.endedAt ?? null],
  );
  if (!["to_ask", "asked", "failed"].includes(survey.status)) return;
  await seedWork(db, {
    installation: survey.installation,
    repo: survey.repo,
    kind: survey.status === "asked" ? "survey.read" : "survey.ask",
    key: survey.id,
    payload: { issueNumber: survey.issue },
    failed: survey.status === "failed",
    runAt: survey.nextPollAt ?? closedAt,
    attempts: survey.attempts ?? 0,
    lastError: survey.lastError ?? null,
    failedAt: survey.endedAt,
  });
}

export type SummarySeed = {
  id: number;
  installation: number;
  target: number;
  period: string;
  status: string;
  scope?: "repository" | "organization";
  output?: "issue" | "check_run";
  attempts?: number;
  lastError?: string | null;
  /** When its pending work is due (default: 2026-11-16T09:00Z). */
  runAt?: string;
};

export async function seedSummary(db: Queryable, summary: SummarySeed): Promise<void> {
  await db.query(
    `INSERT INTO summaries (id, installation_id, scope, target_repository_id, period_key, output, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      summary.id,
      summary.installation,
      summary.scope ?? "repository",
      summary.target,
      summary.period,
      summary.output ?? "issue",
      summary.status,
    ],
  );
  if (!["pending", "failed"].includes(summary.status)) return;
  await seedWork(db, {
    installation: summary.installation,
    repo: summary.target,
    kind: "summary.post",
    key: summary.id,
    payload: { scope: summary.scope ?? "repository", period: summary.period, output: summary.output ?? "issue" },
    failed: summary.status === "failed",
    runAt: summary.runAt ?? null,
    attempts: summary.attempts ?? 1,
    lastError: summary.lastError ?? null,
  });
}

/** A push's configuration check run in `status`, on commit `sha`. */
export async function seedConfigCheck(
  db: Queryable,
  check: { id: number; installation: number; repo: number; sha: string; status: string; attempts?: number; lastError?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO config_checks (id, installation_id, repository_id, head_sha, on_default_branch, status)
     VALUES ($1, $2, $3, $4, true, $5)`,
    [check.id, check.installation, check.repo, check.sha, check.status],
  );
  if (!["pending", "failed"].includes(check.status)) return;
  await seedWork(db, {
    installation: check.installation,
    repo: check.repo,
    kind: "config_check.post",
    key: check.id,
    payload: { headSha: check.sha },
    failed: check.status === "failed",
    runAt: null,
    attempts: check.attempts ?? 1,
    lastError: check.lastError ?? null,
  });
}

export async function seedRedelivery(
  db: Queryable,
  guid: string,
  deliveryId: number,
  attempts: number,
  givenUpAt: string | null,
): Promise<void> {
  await db.query("INSERT INTO delivery_redeliveries (guid, delivery_id, asked_at, attempts, given_up_at) VALUES ($1, $2, $3, $4, $5)", [
    guid,
    deliveryId,
    givenUpAt ?? "2026-11-22T09:00:00Z",
    attempts,
    givenUpAt,
  ]);
}

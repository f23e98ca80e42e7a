import type { Queryable } from "../db/types.js";

/** A survey whose comment could not be posted after every retry (status 'failed'). */
export type FailedSurvey = {
  id: number;
  installationId: number;
  repository: string;
  issueNumber: number;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
};

/** A summary not posted after every retry (status 'failed'); `repository` is null once the row is gone. */
export type FailedSummary = {
  id: number;
  installationId: number;
  scope: "repository" | "organization";
  repository: string | null;
  period: string;
  output: "issue" | "check_run";
  attempts: number;
  lastError: string | null;
};

/** A push's configuration check run not posted after every retry, or refused by GitHub. */
export type FailedConfigCheck = {
  id: number;
  installationId: number;
  repository: string;
  headSha: string;
  attempts: number;
  lastError: string | null;
};

/** A webhook delivery the recovery job stopped asking GitHub to redeliver. App-wide: no installation. */
export type GivenUpDelivery = { guid: string; deliveryId: number; attempts: number; givenUpAt: Date };

/** Failed surveys, newest first; only installation `installationId`'s when it is not null. */
export async function failedSurveys(db: Queryable, installationId: number | null): Promise<FailedSurvey[]> {
  const { rows } = await db.query<FailedSurvey>(
    `SELECT s.id, s.installation_id AS "installationId", r.full_name AS repository, s.issue_number AS "issueNumber",
       s.ask_attempts AS attempts, s.last_error AS "lastError", s.ended_at AS "failedAt"
     FROM surveys s
     JOIN repositories r ON r.installation_id = s.installation_id AND r.id = s.repository_id
     WHERE s.status = 'failed' AND ($1::bigint IS NULL OR s.installation_id = $1)
     ORDER BY s.ended_at DESC NULLS LAST, s.id DESC`,
    [installationId],
  );
  return rows;
}

/** Failed summaries, newest first; only installation `installationId`'s when it is not null. */
export async function failedSummaries(db: Queryable, installationId: number | null): Promise<FailedSummary[]> {
  const { rows } = await db.query<FailedSummary>(
    `SELECT m.id, m.installation_id AS "installationId", m.scope, r.full_name AS repository, m.period_key AS period,
       m.output, m.attempts, m.last_error AS "lastError"
     FROM summaries m
     LEFT JOIN repositories r ON r.installation_id = m.installation_id AND r.id = m.target_repository_id
     WHERE m.status = 'failed' AND ($1::bigint IS NULL OR m.installation_id = $1)
     ORDER BY m.id DESC`,
    [installationId],
  );
  return rows;
}

/** Failed configuration checks, newest first; only installation `installationId`'s when it is not null. */
export async function failedConfigChecks(db: Queryable, installationId: number | null): Promise<FailedConfigCheck[]> {
  const { rows } = await db.query<FailedConfigCheck>(
    `SELECT c.id, c.installation_id AS "installationId", r.full_name AS repository, c.head_sha AS "headSha",
       c.attempts, c.last_error AS "lastError"
     FROM config_checks c
     JOIN repositories r ON r.installation_id = c.installation_id AND r.id = c.repository_id
     WHERE c.status = 'failed' AND ($1::bigint IS NULL OR c.installation_id = $1)
     ORDER BY c.id DESC`,
    [installationId],
  );
  return rows;
}

/** Deliveries given up by the recovery job, most recently given up first. */
export async function givenUpDeliveries(db: Queryable): Promise<GivenUpDelivery[]> {
  const { rows } = await db.query<GivenUpDelivery>(
    `SELECT guid, delivery_id AS "deliveryId", attempts, given_up_at AS "givenUpAt"
     FROM delivery_redeliveries WHERE given_up_at IS NOT NULL
     ORDER BY given_up_at DESC, guid`,
  );
  return rows;
}

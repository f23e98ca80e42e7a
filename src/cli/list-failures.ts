import { z } from "zod";
import type { Db } from "../db/types.js";
import { POST_CONFIG_CHECK } from "../queries/config-checks.js";
import type { FailedWork } from "../queries/failed-work.js";
import { failedWork } from "../queries/failed-work.js";
import type { GivenUpDelivery } from "../queries/failures.js";
import { givenUpDeliveries } from "../queries/failures.js";
import { POST_SUMMARY } from "../queries/summaries.js";
import { ASK_SURVEY, READ_REACTIONS } from "../queries/surveys.js";
import { WORK_KINDS } from "../work/registry.js";

const base = (work: FailedWork) => ({ installationId: work.installationId, attempts: work.attempts, lastError: work.lastError });

// What each kind keeps in its payload for this listing (see where it is queued).
const surveyPayload = z.object({ issueNumber: z.number() });
const summaryPayload = z.object({
  scope: z.enum(["repository", "organization"]),
  period: z.string(),
  output: z.enum(["issue", "check_run"]),
});
const checkPayload = z.object({ headSha: z.string() });

const toSurvey = (work: FailedWork) => ({
  id: Number(work.key),
  ...base(work),
  repository: work.repository ?? "(repository gone)",
  issueNumber: surveyPayload.parse(work.payload).issueNumber,
  failedAt: work.failedAt,
});
const toSummary = (work: FailedWork) => ({
  id: Number(work.key),
  ...base(work),
  repository: work.repository,
  ...summaryPayload.parse(work.payload),
});
const toConfigCheck = (work: FailedWork) => ({
  id: Number(work.key),
  ...base(work),
  repository: work.repository ?? "(repository gone)",
  ...checkPayload.parse(work.payload),
});

export type FailedSurvey = ReturnType<typeof toSurvey>;
export type FailedSummary = ReturnType<typeof toSummary>;
export type FailedConfigCheck = ReturnType<typeof toConfigCheck>;
export type OtherFailedWork = {
  kind: string;
  key: string;
  installationId: number;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
};

/** What failed for good. `deliveries` is absent when the listing is one installation's: deliveries are app-wide. */
export type Failures = {
  surveys: FailedSurvey[];
  summaries: FailedSummary[];
  configChecks: FailedConfigCheck[];
  other: OtherFailedWork[];
  deliveries?: GivenUpDelivery[];
};

const LISTED = new Set([ASK_SURVEY, READ_REACTIONS, POST_SUMMARY, POST_CONFIG_CHECK]);

/** The failed work of the queue, all installations' or one's, by kind; given-up deliveries only for the whole app. */
export async function listFailures(db: Db, installationId: number | null): Promise<Failures> {
  const failed = await failedWork(
    db,
    WORK_KINDS.map((kind) => kind.name),
    installationId,
  );
  const of = (...kinds: string[]) => failed.filter((work) => kinds.includes(work.kind));
  const failures: Failures = {
    surveys: of(ASK_SURVEY, READ_REACTIONS).map(toSurvey),
    summaries: of(POST_SUMMARY).map(toSummary),
    configChecks: of(POST_CONFIG_CHECK).map(toConfigCheck),
    other: failed
      .filter((work) => !LISTED.has(work.kind))
      .map(({ kind, key, installationId: installation, attempts, lastError, failedAt }) => ({
        kind,
        key,
        installationId: installation,
        attempts,
        lastError,
        failedAt,
      })),
  };
  return installationId === null ? { ...failures, deliveries: await givenUpDeliveries(db) } : failures;
}

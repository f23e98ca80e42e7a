import { z } from "zod";
import type { Db } from "../db/types.js";
import type { FailedConfigCheck, FailedSummary, FailedSurvey, GivenUpDelivery } from "../queries/failures.js";
import { failedConfigChecks, failedSummaries, failedSurveys, givenUpDeliveries } from "../queries/failures.js";
import { installationExists } from "../queries/installations.js";
import { installationId, parseCommand, UsageError } from "./args.js";
import { formatFailures } from "./format-failures.js";

const failuresArgs = z.object({
  installation: installationId.optional(),
  json: z.boolean().default(false),
});

export function parseFailuresArgs(args: string[]) {
  return parseCommand(args, { installation: { type: "string" }, json: { type: "boolean" } } as const, failuresArgs);
}

/** What failed for good. `deliveries` is absent when the listing is one installation's: deliveries are app-wide. */
export type Failures = { surveys: FailedSurvey[]; summaries: FailedSummary[]; configChecks: FailedConfigCheck[]; deliveries?: GivenUpDelivery[] };

/** The failures, all installations' or one's; given-up deliveries only for the whole app. */
export async function listFailures(db: Db, installationId: number | null): Promise<Failures> {
  const surveys = await failedSurveys(db, installationId);
  const summaries = await failedSummaries(db, installationId);
  const configChecks = await failedConfigChecks(db, installationId);
  if (installationId !== null) return { surveys, summaries, configChecks };
  return { surveys, summaries, configChecks, deliveries: await givenUpDeliveries(db) };
}

/**
 * `failures [--installation <id>] [--json]`: the surveys, summaries and configuration checks that
 * ended 'failed' and the
 * webhook deliveries the recovery job gave up, as tables or as one JSON object.
 */
export async function failuresCommand(db: Db, args: ReturnType<typeof parseFailuresArgs>): Promise<string> {
  const installation = args.installation ?? null;
  if (installation !== null && !(await installationExists(db, installation))) {
    throw new UsageError(`--installation ${installation} is not an installation the app has`);
  }
  const failures = await listFailures(db, installation);
  return args.json ? JSON.stringify(failures) : formatFailures(failures, installation);
}

import { z } from "zod";
import type { Db } from "../db/types.js";
import type { RetryOutcome } from "../queries/retry.js";
import { retryConfigCheck, retryDelivery, retrySummary, retrySurvey } from "../queries/retry.js";
import { installationId, parseCommand, UsageError } from "./args.js";

const rowId = z.string().regex(/^\d+$/, { message: "must be an id that `failures` lists" }).transform(Number);

const retryArgs = z
  .object({
    survey: rowId.optional(),
    summary: rowId.optional(),
    "config-check": rowId.optional(),
    delivery: z.string().regex(/^[\w-]+$/, { message: "must be a delivery GUID" }).optional(),
    installation: installationId.optional(),
  })
  .superRefine((args, issues) => {
    const kinds = (["survey", "summary", "config-check", "delivery"] as const).filter((kind) => args[kind] !== undefined);
    if (kinds.length !== 1) {
      issues.addIssue({ code: "custom", path: ["survey"], message: "(or --summary, --config-check, --delivery): give exactly one" });
    } else if (kinds[0] !== "delivery" && args.installation === undefined) {
      issues.addIssue({ code: "custom", path: ["installation"], message: `is required with --${kinds[0]}` });
    }
  });

export function parseRetryArgs(args: string[]) {
  const options = {
    survey: { type: "string" },
    summary: { type: "string" },
    "config-check": { type: "string" },
    delivery: { type: "string" },
    installation: { type: "string" },
  } as const;
  return parseCommand(args, options, retryArgs);
}

type RetryArgs = ReturnType<typeof parseRetryArgs>;

function retried(what: string, result: RetryOutcome, next: string): string {
  if (result.retried) return `${what} put back: ${next}`;
  throw new UsageError(result.status === null ? `${what} does not exist` : `${what} is not failed (${result.status}): nothing to retry`);
}

const INSTALLATION_WORK = {
  survey: { noun: "survey", retry: retrySurvey, next: "the sweep asks once more" },
  summary: { noun: "summary", retry: retrySummary, next: "the sweep posts it once more" },
  "config-check": { noun: "configuration check", retry: retryConfigCheck, next: "the sweep posts it once more" },
} as const;

/**
 * `retry --survey|--summary|--config-check <id> --installation <id>` or `retry --delivery <guid>`:
 * puts one piece of work that failed for good back for one more try by the sweep (or the recovery job).
 */
export async function retryCommand(db: Db, args: RetryArgs, now: Date): Promise<string> {
  if (args.delivery !== undefined) {
    return retried(`delivery ${args.delivery}`, await retryDelivery(db, args.delivery), "the recovery job asks GitHub to redeliver it again");
  }
  const kind = (["survey", "summary", "config-check"] as const).find((name) => args[name] !== undefined);
  const id = kind && args[kind];
  if (kind === undefined || id === undefined || args.installation === undefined) throw new UsageError("nothing to retry");
  const work = INSTALLATION_WORK[kind];
  const what = `${work.noun} ${id} of installation ${args.installation}`;
  return retried(what, await work.retry(db, args.installation, id, now), work.next);
}

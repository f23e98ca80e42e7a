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

/**
 * `retry --survey|--summary|--config-check <id> --installation <id>` or `retry --delivery <guid>`:
 * puts one piece of work that failed for good back for one more try by the sweep (or the recovery job).
 */
export async function retryCommand(db: Db, args: RetryArgs, now: Date): Promise<string> {
  const installation = args.installation ?? 0;
  const of = `of installation ${installation}`;
  if (args.survey !== undefined) {
    return retried(`survey ${args.survey} ${of}`, await retrySurvey(db, installation, args.survey, now), "the sweep asks once more");
  }
  if (args.summary !== undefined) {
    return retried(`summary ${args.summary} ${of}`, await retrySummary(db, installation, args.summary, now), "the sweep posts it once more");
  }
  if (args["config-check"] !== undefined) {
    const result = await retryConfigCheck(db, installation, args["config-check"], now);
    return retried(`configuration check ${args["config-check"]} ${of}`, result, "the sweep posts it once more");
  }
  const guid = args.delivery ?? "";
  return retried(`delivery ${guid}`, await retryDelivery(db, guid), "the recovery job asks GitHub to redeliver it again");
}

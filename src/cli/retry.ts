import { z } from "zod";
import type { Db } from "../db/types.js";
import { postConfigCheck } from "../config/post-config-check.js";
import type { RetryOutcome, WorkSubjectTable } from "../queries/retry.js";
import { retryDelivery, subjectStatus } from "../queries/retry.js";
import { postSummaryWork } from "../summary/summary-work.js";
import { askSurvey } from "../survey/ask-survey.js";
import { readSurveyReactions } from "../survey/poll-survey.js";
import type { WorkKind } from "../work/kind.js";
import { workState } from "../queries/failed-work.js";
import { workRegistry } from "../work/registry.js";
import { retryFailedWork } from "../work/retry-failed.js";
import { installationId, parseCommand, UsageError } from "./args.js";

const rowId = z.string().regex(/^\d+$/, { message: "must be an id that `failures` lists" }).transform(Number);

const retryArgs = z
  .object({
    survey: rowId.optional(),
    summary: rowId.optional(),
    "config-check": rowId.optional(),
    work: z
      .string()
      .regex(/^[a-z_.]+:[\w-]+$/, { message: "must be <kind>:<key> as `failures` lists other failed work" })
      .optional(),
    delivery: z
      .string()
      .regex(/^[\w-]+$/, { message: "must be a delivery GUID" })
      .optional(),
    installation: installationId.optional(),
  })
  .superRefine((args, issues) => {
    const kinds = (["survey", "summary", "config-check", "work", "delivery"] as const).filter((kind) => args[kind] !== undefined);
    if (kinds.length !== 1) {
      issues.addIssue({
        code: "custom",
        path: ["survey"],
        message: "(or --summary, --config-check, --work, --delivery): give exactly one",
      });
    } else if (kinds[0] !== "delivery" && args.installation === undefined) {
      issues.addIssue({ code: "custom", path: ["installation"], message: `is required with --${kinds[0]}` });
    }
  });

export function parseRetryArgs(args: string[]) {
  const options = {
    survey: { type: "string" },
    summary: { type: "string" },
    "config-check": { type: "string" },
    work: { type: "string" },
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

type InstallationWork = { noun: string; kinds: { kind: WorkKind; next: string }[]; table: WorkSubjectTable };

/** The failed work each option names (a survey's asking or reading), and the table of what it works on. */
const INSTALLATION_WORK: Record<"survey" | "summary" | "config-check", InstallationWork> = {
  survey: {
    noun: "survey",
    kinds: [
      { kind: askSurvey, next: "the sweep asks once more" },
      { kind: readSurveyReactions, next: "the sweep reads its reactions once more" },
    ],
    table: "surveys",
  },
  summary: { noun: "summary", kinds: [{ kind: postSummaryWork, next: "the sweep posts it once more" }], table: "summaries" },
  "config-check": {
    noun: "configuration check",
    kinds: [{ kind: postConfigCheck, next: "the sweep posts it once more" }],
    table: "config_checks",
  },
};

/** Puts the failed work back (and says what happens next), or finds why not: its kind refused, or the row is not failed (or not there). */
async function retryWork(
  db: Db,
  work: InstallationWork,
  installationId: number,
  id: number,
  now: Date,
): Promise<RetryOutcome & { next?: string }> {
  for (const { kind, next } of work.kinds) {
    const result = await retryFailedWork(db, kind, { installationId, key: String(id) }, now);
    if (result.retried) return { ...result, next };
    if (result.refusal !== null) return { retried: false, status: result.refusal };
  }
  return { retried: false, status: await subjectStatus(db, work.table, installationId, id) };
}

/** `--work <kind>:<key>`: failed work of a kind `failures` lists under "Other failed work". */
async function retryOtherWork(db: Db, ref: string, installation: number, now: Date): Promise<string> {
  const [name = "", key = ""] = ref.split(":");
  const kind = workRegistry.get(name);
  if (!kind) throw new UsageError(`--work ${ref}: there is no kind of work called ${name}`);
  const result = await retryFailedWork(db, kind, { installationId: installation, key }, now);
  const status = result.retried ? null : (result.refusal ?? (await workState(db, installation, name, key)));
  return retried(
    `work ${ref} of installation ${installation}`,
    result.retried ? result : { retried: false, status },
    "the sweep runs it once more",
  );
}

/**
 * `retry --survey|--summary|--config-check <id> --installation <id>`, `retry --work <kind>:<key>
 * --installation <id>` or `retry --delivery <guid>`:
 * puts one piece of work that failed for good back in the queue for one more try (or asks the
 * recovery job to redeliver a given-up delivery again).
 */
export async function retryCommand(db: Db, args: RetryArgs, now: Date): Promise<string> {
  if (args.delivery !== undefined) {
    return retried(
      `delivery ${args.delivery}`,
      await retryDelivery(db, args.delivery),
      "the recovery job asks GitHub to redeliver it again",
    );
  }
  if (args.work !== undefined && args.installation !== undefined) return retryOtherWork(db, args.work, args.installation, now);
  const kind = (["survey", "summary", "config-check"] as const).find((name) => args[name] !== undefined);
  const id = kind && args[kind];
  if (kind === undefined || id === undefined || args.installation === undefined) throw new UsageError("nothing to retry");
  const work = INSTALLATION_WORK[kind];
  const what = `${work.noun} ${id} of installation ${args.installation}`;
  const result = await retryWork(db, work, args.installation, id, now);
  return retried(what, result, result.next ?? "");
}

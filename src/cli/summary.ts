import { z } from "zod";
import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Env } from "../env.js";
import { configFor, storedConfigFor } from "../config/repository-config.js";
import type { EffectiveConfig } from "../config/repository-config.js";
import { createProbot } from "../github/probot.js";
import type { Octokit } from "../github/octokit.js";
import { repositoryByName } from "../queries/summary-candidates.js";
import { periodFromKey } from "../summary/periods.js";
import { PERIOD_NOUN, summaryMarker } from "../summary/post-summary.js";
import { renderSummary } from "../summary/render.js";
import { POST_SUMMARY, planSummary } from "../queries/summaries.js";
import { outputsOf, repositorySummaryData, summaryKey } from "../summary/repository-summary.js";
import { workRegistry } from "../work/registry.js";
import { workNow } from "../work/work-due.js";
import { installationId, parseCommand, repositoryName, requiredText, UsageError } from "./args.js";
import { resolveRepository } from "./resolve-repository.js";
import { MissingCredentialsError } from "./sweep.js";

const summaryArgs = z.object({
  repo: repositoryName,
  period: requiredText().regex(/^\d{4}-(W\d{2}|\d{2}(-\d{2})?)$/, {
    message: "must be a week (2026-W47), a month (2026-11) or a day (2026-11-23)",
  }),
  installation: installationId.optional(),
  "dry-run": z.boolean().default(false),
});

export function parseSummaryArgs(args: string[]) {
  const options = {
    repo: { type: "string" },
    period: { type: "string" },
    installation: { type: "string" },
    "dry-run": { type: "boolean" },
  } as const;
  const parsed = parseCommand(args, options, summaryArgs);
  try {
    periodFromKey(parsed.period, "UTC"); // a key that exists in no time zone is a wrong argument, whatever the config
  } catch (error) {
    throw new UsageError(`--period ${(error as Error).message}`);
  }
  return parsed;
}

/**
 * `summary --repo owner/name --period P [--dry-run]`: posts one summary now (once per period and
 * output, however often it is run), or prints it with --dry-run.
 */
export async function summaryCommand(db: Db, env: Env, log: Logger, args: ReturnType<typeof parseSummaryArgs>): Promise<string> {
  const match = await resolveRepository(db, args.repo, args.installation);
  const repository = await repositoryByName(db, match.installationId, match.fullName);
  if (!repository) throw new Error(`repository ${args.repo} vanished while reading it`);
  const target = { installationId: repository.installationId, repositoryId: repository.id, fullName: repository.fullName };
  let octokit: Octokit | null = null;
  if (env.APP_ID && env.privateKey) {
    octokit = await createProbot({ ...env, APP_ID: env.APP_ID, privateKey: env.privateKey }, log).auth(repository.installationId);
  } else if (!args["dry-run"]) {
    throw new MissingCredentialsError("summary needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to post; --dry-run prints it without");
  }
  const now = new Date();
  const effective: EffectiveConfig = octokit ? await configFor({ db, log }, octokit, target) : await storedConfigFor(db, target);
  let period;
  try {
    period = periodFromKey(args.period, effective.config.summary.timezone);
  } catch (error) {
    throw new UsageError(`--period ${(error as Error).message}`);
  }
  if (args["dry-run"] || !octokit) {
    const data = await repositorySummaryData(db, repository, period, effective);
    return renderSummary(data, {
      marker: summaryMarker(summaryKey(repository, period, "issue")),
      periodNoun: PERIOD_NOUN[period.schedule],
    });
  }
  const outcomes: string[] = [];
  for (const output of outputsOf(effective.config.summary.output)) {
    const summary = await planSummary(db, summaryKey(repository, period, output), now);
    const ref = { installationId: summary.installationId, kind: POST_SUMMARY, key: String(summary.id) };
    const tally = summary.status === "pending" ? await workNow({ db, log, kinds: workRegistry }, async () => octokit, [ref], now) : null;
    const [result] = [...(tally?.byKind.get(POST_SUMMARY)?.keys() ?? [])];
    outcomes.push(result === undefined ? "already_done" : result === "retry" ? "failed" : result);
  }
  return `summary ${period.key} for ${repository.fullName}: ${outcomes.join(", ")}`;
}

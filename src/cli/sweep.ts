import { z } from "zod";
import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Env } from "../env.js";
import { createProbot } from "../github/probot.js";
import { runDueWork } from "../due-work.js";
import { redeliveryWindowDays } from "../recovery/due-recovery.js";
import { instant, parseCommand } from "./args.js";

const sweepArgs = z.object({ now: instant.optional() });

export function parseSweepArgs(args: string[]) {
  return parseCommand(args, { now: { type: "string" } }, sweepArgs);
}

export class MissingCredentialsError extends Error {
  override name = "MissingCredentialsError";
}

/**
 * `sweep [--now ISO]`: everything due at that instant (default: now): surveys, reaction reads,
 * summaries, configuration checks to retry, and the redelivery of failed webhook deliveries (at most
 * every 10 minutes); first, the uninstalls GitHub confirms are erased and experiences closed more
 * than RETENTION_DAYS before it are deleted.
 */
export async function sweepCommand(db: Db, env: Env, log: Logger, args: ReturnType<typeof parseSweepArgs>): Promise<string> {
  if (!env.APP_ID || !env.privateKey) {
    throw new MissingCredentialsError("sweep needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to reach GitHub");
  }
  const probot = createProbot({ ...env, APP_ID: env.APP_ID, privateKey: env.privateKey }, log);
  const now = args.now ?? new Date();
  const result = await runDueWork(
    {
      db,
      log,
      octokitFor: (installationId) => probot.auth(installationId),
      appOctokit: () => probot.auth(),
      redeliveryWindowDays: redeliveryWindowDays(env.baseUrl),
      retentionDays: env.RETENTION_DAYS,
    },
    now,
  );
  return (
    `sweep at ${now.toISOString()}: ${result.surveysWorked} surveys worked, ${result.installationsFailed} installations unreachable, ` +
    `${result.summariesPosted} summaries posted, ${result.summariesFailed} failed, ${result.deliveriesRedelivered} deliveries redelivered` +
    (result.configChecksPosted > 0 ? `, ${result.configChecksPosted} configuration checks posted` : "") +
    (result.experiencesExpired > 0 ? `, ${result.experiencesExpired} experiences past retention deleted` : "") +
    (result.installationsErased > 0 ? `, ${result.installationsErased} uninstalled installations erased` : "")
  );
}

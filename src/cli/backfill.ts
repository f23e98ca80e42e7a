import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Logger } from "pino";
import { BACKFILL_INSTALLATION, queueBackfill } from "../backfill/queue-backfill.js";
import type { Db } from "../db/types.js";
import type { Env } from "../env.js";
import { createProbot } from "../github/probot.js";
import type { BackfillReport } from "../queries/backfill-report.js";
import { backfillReport, installationFirstSeen } from "../queries/backfill-report.js";
import { workRegistry } from "../work/registry.js";
import { workNow } from "../work/work-due.js";
import { installationId, instant, parseCommand, repositoryName, UsageError } from "./args.js";
import { resolveRepository } from "./resolve-repository.js";
import { MissingCredentialsError } from "./sweep.js";

// Work due more than this ahead waits (a rate limit's reset, a backoff): the command stops there.
const WAITING_MS = 30_000;
// While another worker holds the installation's backfill, the command waits for it: up to about a lease.
const HELD_WAIT_MS = 1_000;
const HELD_WAITS = 150;

const backfillArgs = z.object({ repo: repositoryName, since: instant, installation: installationId.optional() });

export function parseBackfillArgs(args: string[]) {
  const options = { repo: { type: "string" }, since: { type: "string" }, installation: { type: "string" } } as const;
  return parseCommand(args, options, backfillArgs);
}

const shown = (at: Date) => (at.toISOString().endsWith("T00:00:00.000Z") ? at.toISOString().slice(0, 10) : at.toISOString());

/** Where the run stands when the command stops working on it, in words. */
function standing(report: BackfillReport): string {
  if (report.status === "done") return "done";
  const { work } = report;
  if (!work) return "waiting: its repository is not in the installation";
  if (work.state === "failed") throw new Error(`backfill failed: ${work.lastError ?? "unknown error"} (see satisfaction-bot failures)`);
  if (work.lastError)
    return `stopped by an error (${work.lastError}); the app's sweep goes on at ${work.runAt.toISOString()}, or run this again`;
  return `paused until ${work.runAt.toISOString()} (GitHub's rate limit is low, or the app is importing it now); the app's sweep goes on, or run this again`;
}

/**
 * `backfill --repo owner/name --since DATE`: imports the repository's issues and comments updated
 * since DATE, as the app does on installation (the same work, run here until it is done or has to
 * wait), and prints what it imported. A backfill of the repository already pending is continued.
 */
export async function backfillCommand(db: Db, env: Env, log: Logger, args: ReturnType<typeof parseBackfillArgs>, now = () => new Date()) {
  const repository = await resolveRepository(db, args.repo, args.installation);
  if (!env.APP_ID || !env.privateKey)
    throw new MissingCredentialsError("backfill needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to read GitHub");
  const start = now();
  if (args.since >= start) throw new UsageError("--since must be in the past");
  const octokit = await createProbot({ ...env, APP_ID: env.APP_ID, privateKey: env.privateKey }, log).auth(repository.installationId);
  const countsBefore = (await installationFirstSeen(db, repository.installationId)) ?? start;
  const window = { since: args.since, countsBefore, now: start };
  const queued = await db.transaction((tx) => queueBackfill(tx, repository.installationId, [repository.id], window));
  const run = queued?.runs[0];
  if (!queued || !run) throw new Error(`no backfill could be queued for ${repository.fullName}`);
  const engine = { db, log, kinds: workRegistry };
  let report = await backfillReport(db, repository.installationId, run.id, BACKFILL_INSTALLATION);
  for (let held = 0; report?.status === "pending" && held <= HELD_WAITS;) {
    const tally = await workNow(engine, async () => octokit, [queued.ref], now());
    report = await backfillReport(db, repository.installationId, run.id, BACKFILL_INSTALLATION);
    // Due much later: it waits for GitHub's rate limit, or after an error.
    if (!report?.work || report.work.state !== "pending" || report.work.runAt.getTime() > now().getTime() + WAITING_MS) break;
    if (tally.worked > 0) continue;
    // The server's worker holds it (a few pages at most): wait for its turn.
    held++;
    await sleep(HELD_WAIT_MS);
  }
  if (!report) throw new Error(`the backfill of ${repository.fullName} vanished while it ran`);
  if (report.status === "unreadable") throw new Error(`GitHub refused to list the issues of ${repository.fullName}: nothing imported`);
  const earlier = run.queued ? "" : ` (continuing the backfill since ${shown(report.since)} that was pending)`;
  return (
    `backfill of ${repository.fullName} since ${shown(report.since)}${earlier}: ${report.issues} issues, ${report.comments} comments, ` +
    `first responses: ${report.firstResponses} by maintainers, ${report.firstAnyResponses} by anyone; ${standing(report)}`
  );
}

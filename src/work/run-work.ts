import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit, OctokitFor } from "../github/octokit.js";
import { setInstallationSuspended } from "../queries/installations.js";
import type { WorkItem } from "../queries/work.js";
import { backOffWork, completeWork, failWork, rescheduleWork } from "../queries/work.js";
import type { WorkKind } from "./kind.js";
import { decideRetry } from "./retry-policy.js";

export type WorkRegistry = ReadonlyMap<string, WorkKind>;

export type EngineDeps = { db: Db; log: Logger; kinds: WorkRegistry };

/** How one attempt ended: the handler's result when done (`posted`, ...), else `next`, `deferred`, `retry` or `failed`. */
export type AttemptResult = string;

const RETRY_AFTER_AUTH_FAILURE_MS = 10 * 60_000;

async function giveUp(deps: EngineDeps, kind: WorkKind | undefined, item: WorkItem, error: unknown, now: Date): Promise<"failed"> {
  const message = error instanceof Error ? error.message : String(error);
  await deps.db.transaction(async (tx) => {
    await failWork(tx, item, message, now);
    await kind?.onFailed?.(tx, item, now);
  });
  deps.log.error(
    { workId: item.id, kind: item.kind, installationId: item.installationId, attempts: item.attempts, err: error },
    "work failed for good",
  );
  return "failed";
}

async function afterError(deps: EngineDeps, kind: WorkKind, item: WorkItem, error: unknown, now: Date): Promise<AttemptResult> {
  const decision = decideRetry(error, item.attempts, kind, now);
  const context = { workId: item.id, kind: item.kind, installationId: item.installationId, attempts: item.attempts };
  if ("fail" in decision) return giveUp(deps, kind, item, error, now);
  if ("wait" in decision) {
    if (decision.suspended) await setInstallationSuspended(deps.db, item.installationId, now);
    await rescheduleWork(deps.db, item, { runAt: decision.wait, error: (error as Error).message, counted: false });
    deps.log.warn({ ...context, retryAt: decision.wait, err: error }, "work waits: GitHub limits or suspended the installation");
    return "deferred";
  }
  const retryAt = await backOffWork(deps.db, item, (error as Error).message, now);
  deps.log.error({ ...context, retryAt, err: error }, "work attempt failed; will retry");
  return "retry";
}

/** Runs one claimed piece of work with its kind's handler, and records how it went. */
export async function runWorkItem(deps: EngineDeps, octokit: Octokit, item: WorkItem, now: Date): Promise<AttemptResult> {
  const kind = deps.kinds.get(item.kind);
  if (!kind) return giveUp(deps, undefined, item, new Error(`no handler for work of kind ${item.kind}`), now);
  let outcome;
  try {
    outcome = await kind.handle({ db: deps.db, log: deps.log, octokit, now }, item);
  } catch (error) {
    return afterError(deps, kind, item, error, now);
  }
  if ("done" in outcome) {
    await completeWork(deps.db, item);
    return outcome.done;
  }
  if ("deferred" in outcome) {
    await rescheduleWork(deps.db, item, { runAt: outcome.deferred, error: null, counted: false });
    return "deferred";
  }
  await rescheduleWork(deps.db, item, { runAt: outcome.next, error: null, counted: true, fresh: true });
  return "next";
}

/**
 * Runs claimed work of one installation. When no client can be had for it (GitHub unreachable, the
 * app cannot authenticate), its work waits ten minutes without counting an attempt. Returns null then.
 */
export async function runInstallationWork(
  deps: EngineDeps,
  octokitFor: OctokitFor,
  installationId: number,
  items: WorkItem[],
  now: Date,
): Promise<AttemptResult[] | null> {
  let octokit: Octokit;
  try {
    octokit = await octokitFor(installationId);
  } catch (error) {
    deps.log.error({ installationId, err: error }, "cannot authenticate as installation; its work waits");
    const runAt = new Date(now.getTime() + RETRY_AFTER_AUTH_FAILURE_MS);
    for (const item of items) await rescheduleWork(deps.db, item, { runAt, error: (error as Error).message, counted: false });
    return null;
  }
  const results: AttemptResult[] = [];
  for (const item of items) results.push(await runWorkItem(deps, octokit, item, now));
  return results;
}

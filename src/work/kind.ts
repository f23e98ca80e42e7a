import type { Logger } from "pino";
import type { Db, Queryable } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import type { WorkItem } from "../queries/work.js";

/** What a handler works with: the installation's client, the database, the log and the instant. */
export type WorkContext = { db: Db; log: Logger; octokit: Octokit; now: Date };

/**
 * What a handler reports; a failure is thrown instead, and the retry policy decides about it.
 * - `done`: finished (or nothing left to do); `result` says how, for the caller that waits on it.
 * - `deferred`: it waited on something that is not a failure (the write budget): again at `until`.
 * - `next`: this step is done and the work runs again at `at`, its attempts counted afresh.
 */
export type WorkOutcome = { done: string } | { deferred: Date } | { next: Date };

export const done = (result = "done"): WorkOutcome => ({ done: result });

/** A kind of work: one handler and one registration (src/work/registry.ts). */
export type WorkKind = {
  name: string;
  /** Attempts before the work is given up as failed. */
  maxAttempts: number;
  /** GitHub answers no retry can change (besides rate limits and suspensions): failed at once. */
  finalStatuses: readonly number[];
  handle(context: WorkContext, item: WorkItem): Promise<WorkOutcome>;
  /** In the transaction that gives the work up: what its own table records of that. */
  onFailed?(tx: Queryable, item: Pick<WorkItem, "installationId" | "key">, at: Date): Promise<void>;
  /**
   * In the transaction that puts failed work back (`satisfaction-bot retry`): null when it may go
   * back, else why not (the survey's issue was reopened since).
   */
  onRetry?(tx: Queryable, item: { installationId: number; key: string }): Promise<string | null>;
};

import type { Logger } from "pino";
import type { Octokit, OctokitFor } from "../github/octokit.js";
import type { WorkRef } from "../queries/work.js";
import { claimDueWork } from "../queries/work.js";
import type { EngineDeps } from "./run-work.js";
import { emptyTally, runClaimed, workNow } from "./work-due.js";

/** Work a webhook queued, to start right after its answer: the installation's client comes with it. */
export type QueuedWork = { installationId: number; octokit: Octokit; log: Logger; refs: readonly WorkRef[] };

/** Starts queued work after the answer (the server), or before returning (tests, the CLI). */
export type AfterAnswer = (work: QueuedWork) => Promise<void>;

/** Runs the work before returning: for tests and the CLI, where the answer can wait. */
export function workInline(engine: EngineDeps, clock: () => Date): AfterAnswer {
  return async ({ octokit, refs }) => {
    await workNow(engine, async () => octokit, refs, clock());
  };
}

/** `idle()`: resolves once no work is in flight (the demo's steps wait for it); `drain()`: stops taking work, then waits. */
export type Worker = { afterAnswer: AfterAnswer; idle(): Promise<void>; drain(): Promise<void> };

/**
 * The server's worker: at most `concurrency` pieces of work in flight in this process. Work queued
 * by a webhook starts at once when a slot is free; otherwise it waits in the queue (not in memory),
 * and the next free slot of this or any instance claims it from there, as the sweep does.
 */
export function startWorker(engine: EngineDeps, octokitFor: OctokitFor, clock: () => Date, concurrency: number): Worker {
  const inFlight = new Set<Promise<void>>();
  let waiting = false;
  let stopping = false;

  const run = (task: () => Promise<unknown>) => {
    const running: Promise<void> = task()
      .then(() => undefined)
      .catch((error: unknown) => engine.log.error({ err: error }, "work after the answer failed; the queue keeps it"))
      .finally(() => {
        inFlight.delete(running);
        if (waiting && !stopping) pull();
      });
    inFlight.add(running);
  };

  // Each free slot claims one piece of waiting work from the queue.
  const pull = () => {
    for (let slot = inFlight.size; slot < concurrency; slot++) {
      run(async () => {
        const now = clock();
        const [item] = await claimDueWork(engine.db, now, 1);
        if (!item) waiting = false;
        else await runClaimed(engine, octokitFor, [item], now, emptyTally());
      });
    }
  };

  return {
    async afterAnswer({ octokit, refs }) {
      if (stopping || refs.length === 0) return;
      if (inFlight.size >= concurrency) {
        waiting = true;
        return;
      }
      run(() => workNow(engine, async () => octokit, refs, clock()));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async drain() {
      stopping = true;
      await this.idle();
    },
  };
}

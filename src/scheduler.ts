import type { Logger } from "pino";
import type { SweepDeps } from "./survey/sweep.js";
import { sweep } from "./survey/sweep.js";

export type Scheduler = { stop(): Promise<void> };

/** Runs the sweep every `intervalMs` in this process; a sweep still running is not started again. */
export function startScheduler(deps: SweepDeps, clock: () => Date, intervalMs: number, log: Logger): Scheduler {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweep(deps, clock())
      .then((result) => {
        if (result.worked > 0) log.info(result, "sweep done");
      })
      .catch((error: unknown) => log.error({ err: error }, "sweep failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  const first = setTimeout(tick, 1_000);
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}

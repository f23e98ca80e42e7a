import type { Logger } from "pino";
import type { DueWorkResult } from "./due-work.js";
import { runDueWork } from "./due-work.js";

export type Scheduler = { stop(): Promise<void> };

/** Runs the due work every `intervalMs` in this process; a run still going is not started again. */
export function startScheduler(deps: Parameters<typeof runDueWork>[0], clock: () => Date, intervalMs: number, log: Logger): Scheduler {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueWork(deps, clock())
      .then((result: DueWorkResult) => {
        if (Object.values(result).some((count) => count > 0)) log.info(result, "sweep done");
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

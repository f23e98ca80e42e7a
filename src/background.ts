import type { Logger } from "pino";

/** Runs work a webhook made due (posting a survey, reading reactions) without holding the answer. */
export type Background = (task: () => Promise<void>) => Promise<void>;

export type BackgroundRunner = { run: Background; drain(): Promise<void> };

/**
 * The server's runner: a task starts at once and the webhook is answered without waiting for it;
 * `drain` waits for the tasks in hand (on SIGTERM). A task's failure is logged: what it does is
 * stored as due work first, so the sweep retries it.
 */
export function backgroundRunner(log: Logger): BackgroundRunner {
  const inFlight = new Set<Promise<void>>();
  return {
    run(task) {
      const running = task()
        .catch((error: unknown) => log.error({ err: error }, "background work failed; the sweep will retry it"))
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
      return Promise.resolve();
    },
    async drain() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Runs the task before returning: for tests and the CLI, where the answer can wait. */
export const inline: Background = (task) => task();

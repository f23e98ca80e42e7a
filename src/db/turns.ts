/**
 * One holder at a time, in arrival order. The server's queries and transactions and each CLI
 * connection's transactions take turns on the one embedded database: PGlite runs one session, so
 * a statement from one must never land inside the other's transaction.
 */
export type Turns = {
  /** Waits for the turn; the returned function gives it up (calling it again does nothing). */
  acquire(): Promise<() => void>;
  run<T>(fn: () => Promise<T>): Promise<T>;
};

export function createTurns(): Turns {
  let last: Promise<void> = Promise.resolve();
  const acquire = async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = last;
    last = previous.then(() => held);
    await previous;
    return release;
  };
  return {
    acquire,
    async run(fn) {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}

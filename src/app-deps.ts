import type { Db } from "./db/types.js";

/** What the webhook handlers work with; the clock is injected so tests control time. */
export type AppDeps = {
  db: Db;
  clock: () => Date;
  /** Days a survey waits for the reporter's reaction, from the moment it is posted. */
  windowDays: number;
};

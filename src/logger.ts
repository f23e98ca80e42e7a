import { pino } from "pino";
import type { Logger } from "pino";

/** JSON logs through pino; the CLI logs to standard error so its standard output stays clean. */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ name: "satisfaction-bot", level }, pino.destination({ fd: destination, sync: true }));
}

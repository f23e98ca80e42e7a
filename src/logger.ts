import { pino } from "pino";
import type { Logger } from "pino";

/**
 * An error as logged: its kind, message, HTTP status and stack, but not the request and response
 * Octokit attaches (their URLs name repositories, which may be private).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { status } = error as { status?: unknown };
  return { type: error.name, message: error.message, ...(typeof status === "number" ? { status } : {}), stack: error.stack };
}

/** JSON logs through pino; the CLI logs to standard error so its standard output stays clean. */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ name: "satisfaction-bot", level, serializers: { err: serializeError } }, pino.destination({ fd: destination, sync: true }));
}

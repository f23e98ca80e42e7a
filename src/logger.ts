import { createRequire } from "node:module";
import { pino } from "pino";
import type { DestinationStream, Logger } from "pino";

export type LogFormat = "json" | "pretty";

export type LogFormatSettings = { NODE_ENV?: string | undefined; LOG_FORMAT?: LogFormat | undefined };

type PrettyStream = (options: { destination: number; sync: boolean }) => DestinationStream;

const require = createRequire(import.meta.url);

/**
 * LOG_FORMAT when set, as Probot reads it; otherwise JSON lines in production and human-readable
 * lines elsewhere. Pretty needs pino-pretty (installed with Probot): without it, JSON.
 */
export function chooseLogFormat(env: LogFormatSettings, prettyAvailable: boolean): LogFormat {
  const wanted = env.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "pretty");
  return wanted === "pretty" && prettyAvailable ? "pretty" : "json";
}

function prettyResolves(): boolean {
  try {
    require.resolve("pino-pretty");
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return false;
    throw error;
  }
}

/** The format this process logs in: chooseLogFormat on the environment and this installation. */
export function logFormatFor(env: LogFormatSettings): LogFormat {
  return chooseLogFormat(env, prettyResolves());
}

/**
 * An error as logged: its kind, message, HTTP status and stack, but not the request and response
 * Octokit attaches (their URLs name repositories, which may be private).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { status } = error as { status?: unknown };
  return { type: error.name, message: error.message, ...(typeof status === "number" ? { status } : {}), stack: error.stack };
}

function destinationFor(format: LogFormat, fd: 1 | 2): DestinationStream {
  if (format === "json") return pino.destination({ fd, sync: true });
  // Synchronous, in this thread: a crash's last lines are written before the process exits.
  return (require("pino-pretty") as PrettyStream)({ destination: fd, sync: true });
}

/** Logs through pino, JSON or pretty; the CLI logs to standard error so its standard output stays clean. */
export function createLogger(level: string, destination: 1 | 2 = 1, format: LogFormat = "json"): Logger {
  return pino({ name: "satisfaction-bot", level, serializers: { err: serializeError } }, destinationFor(format, destination));
}

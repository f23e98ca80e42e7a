import type { Db } from "../db/types.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open.js";
import { loadDotEnv, parseEnv } from "../env.js";
import { createLogger, logFormatFor } from "../logger.js";
import { UsageError } from "./args.js";
import { backfillCommand, parseBackfillArgs } from "./backfill.js";
import { chatCommand, parseChatArgs } from "./chat.js";
import { failuresCommand, parseFailuresArgs } from "./failures.js";
import { parseReportArgs, reportCommand } from "./report.js";
import { parseRetryArgs, retryCommand } from "./retry.js";
import { parseSummaryArgs, summaryCommand } from "./summary.js";
import { parseSweepArgs, sweepCommand } from "./sweep.js";

const USAGE = `Usage: satisfaction-bot <command>
  migrate                                             apply pending database migrations
  sweep [--now <ISO-8601>]                            post due surveys and read due reactions
  report --repo <owner/name> --from <date> --to <date> [--json] [--installation <id>]
                                                      the satisfaction model for [from, to)
  summary --repo <owner/name> --period <2026-W47|2026-11|2026-11-23> [--dry-run] [--installation <id>]
                                                      post one summary now (once per period), or print it
  failures [--installation <id>] [--json]             surveys, summaries and configuration checks that failed, and
                                                      webhook deliveries given up (app-wide: not with --installation)
  backfill --repo <owner/name> --since <date> [--installation <id>]
                                                      import the repository's issues and comments updated since
                                                      <date> (as on installation) and print what was imported
  retry (--survey|--summary|--config-check <id> --installation <id> | --work <kind>:<key> --installation <id>
         | --delivery <guid>)
                                                      put one failure back for one more try
  chat set --installation <id|login> --url <url>      send summaries and alerts to a Slack-compatible incoming webhook
  chat remove --installation <id|login>               stop sending to chat
  chat test --installation <id|login>                 send a test message now and say whether it arrived`;

type Command = (db: Db) => Promise<string>;

function parse(argv: string[], env: ReturnType<typeof parseEnv>, log: ReturnType<typeof createLogger>): Command {
  const [name, ...args] = argv;
  if (name === "migrate") {
    if (args.length > 0) throw new UsageError(`migrate takes no arguments (got ${args.join(" ")})`);
    return async (db) => `migrations applied: ${(await migrate(db)).join(", ") || "none pending"}`;
  }
  if (name === "sweep") {
    const parsed = parseSweepArgs(args);
    return async (db) => sweepCommand(db, env, log, parsed);
  }
  if (name === "report") {
    const parsed = parseReportArgs(args);
    return async (db) => reportCommand(db, parsed);
  }
  if (name === "summary") {
    const parsed = parseSummaryArgs(args);
    return async (db) => summaryCommand(db, env, log, parsed);
  }
  if (name === "failures") {
    const parsed = parseFailuresArgs(args);
    return async (db) => failuresCommand(db, parsed);
  }
  if (name === "backfill") {
    const parsed = parseBackfillArgs(args);
    return async (db) => backfillCommand(db, env, log, parsed);
  }
  if (name === "retry") {
    const parsed = parseRetryArgs(args);
    return async (db) => retryCommand(db, parsed, new Date());
  }
  if (name === "chat") {
    const parsed = parseChatArgs(args);
    return async (db) => chatCommand(db, parsed, new Date());
  }
  throw new UsageError(name ? `unknown command ${name}` : "a command is required");
}

/** The CLI: same code, database and GitHub settings as the server. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--help" || argv[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  let db: Db | undefined;
  try {
    loadDotEnv();
    const env = parseEnv(process.env);
    const log = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL, 2, logFormatFor(env));
    const command = parse(argv, env, log);
    db = await openDatabase(env);
    if (argv[0] !== "migrate") await migrate(db);
    console.log(await command(db));
    return 0;
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, " ").trim();
    if (error instanceof UsageError) {
      console.error(`satisfaction-bot: ${message} (see satisfaction-bot --help)`);
      return 2;
    }
    console.error(`satisfaction-bot: ${message}`);
    return 1;
  } finally {
    await db?.close();
  }
}

import type { Db } from "../db/types.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open.js";
import { loadDotEnv, parseEnv } from "../env.js";
import { createLogger, logFormatFor } from "../logger.js";
import { UsageError } from "./args.js";
import { backfillCommand, parseBackfillArgs } from "./backfill.js";
import { chatCommand, parseChatArgs } from "./chat.js";
import { withChatUrl } from "./chat-url.js";
import { doctorCommand } from "./doctor.js";
import { failuresCommand, parseFailuresArgs } from "./failures.js";
import { forgetCommand, parseForgetArgs } from "./forget.js";
import { identityCommand, parseIdentityArgs } from "./identity.js";
import { parseReportArgs, reportCommand } from "./report.js";
import { parseRetryArgs, retryCommand } from "./retry.js";
import { parseSummaryArgs, summaryCommand } from "./summary.js";
import { parseSweepArgs, sweepCommand } from "./sweep.js";
import { parseTokenArgs, tokenCommand } from "./token.js";

const USAGE = `Usage: satisfaction-bot <command>
  doctor                                              check the environment, database, private key and permissions;
                                                      print each problem with its fix (exit 0 only when all is well)
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
  chat set --installation <id|login> [--url-file <f>] send summaries and alerts to a Slack-compatible incoming webhook,
                                                      its URL read from the file's first line or standard input
                                                      (--url <url> still works, with a warning: ps and shell history show it)
  chat remove --installation <id|login>               stop sending to chat
  chat test --installation <id|login>                 send a test message now and say whether it arrived
  token create --installation <id|login> [--name <label>] [--repo <owner/name>]... [--expires <90d|date>]
                                                      a feedback API token of the installation (of the --repo
                                                      repositories only; until --expires: 90d, or a date),
                                                      printed once on the last line (only its hash is stored)
  token list [--installation <id|login>]              the tokens (never the tokens themselves), live, expired or
                                                      revoked, with their expiry and repositories
  token revoke <id>                                   refuse that token from now on
  forget --installation <id|login> --reporter <identity>
                                                      delete a desk reporter's experiences (with their comments)
                                                      and identity link: they asked to be forgotten
  identity link --installation <id|login> --identity <desk identity> --login <github login>
                                                      count a desk identity as that GitHub user (seen in the
                                                      installation's issues) in repeat usage and market demand
  identity unlink --installation <id|login> --identity <desk identity>
                                                      count it as a person of its own again
  identity list --installation <id|login>             the installation's identity links`;

type Command = (db: Db) => Promise<string>;

/** The command `argv` names, checked, to run on a database: what main() runs once it has opened one. */
export function commandOf(argv: string[], env: ReturnType<typeof parseEnv>, log: ReturnType<typeof createLogger>): Command {
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
    return async (db) => chatCommand(db, await withChatUrl(parsed, process.stdin), new Date());
  }
  if (name === "token") {
    const parsed = parseTokenArgs(args);
    return async (db) => tokenCommand(db, parsed, new Date());
  }
  if (name === "forget") {
    const parsed = parseForgetArgs(args);
    return async (db) => forgetCommand(db, parsed);
  }
  if (name === "identity") {
    const parsed = parseIdentityArgs(args);
    return async (db) => identityCommand(db, parsed, new Date());
  }
  throw new UsageError(name ? `unknown command ${name}` : "a command is required");
}

/** The CLI: same code, database and GitHub settings as the server. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--help" || argv[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  if (argv[0] === "doctor") {
    if (argv.length > 1) {
      console.error(`satisfaction-bot: doctor takes no arguments (got ${argv.slice(1).join(" ")}) (see satisfaction-bot --help)`);
      return 2;
    }
    loadDotEnv();
    const { code, output } = await doctorCommand(process.env, createLogger("fatal", 2));
    console.log(output);
    return code;
  }
  let db: Db | undefined;
  try {
    loadDotEnv();
    const env = parseEnv(process.env);
    const log = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL, 2, logFormatFor(env));
    const command = commandOf(argv, env, log);
    db = await openDatabase(env, log);
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

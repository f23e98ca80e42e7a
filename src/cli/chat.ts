import { z } from "zod";
import type { Db } from "../db/types.js";
import { chatWebhookUrl as webhookUrlSchema } from "../chat/webhook-url.js";
import { ChatWebhookError, sendChatMessage } from "../chat/send-chat.js";
import { chatWebhookUrl, removeChatWebhook, setChatWebhook } from "../queries/chat-webhooks.js";
import { parseCommand, UsageError } from "./args.js";
import { installationLabel, installationName, resolveInstallation } from "./resolve-installation.js";

const ACTIONS = ["set", "remove", "test"] as const;

const chatArgs = z.object({ installation: installationName, url: webhookUrlSchema.optional(), "url-file": z.string().min(1).optional() });

export type ChatArgs = { action: (typeof ACTIONS)[number]; installation: string; url?: string | undefined; urlFile?: string | undefined };

/** Whatever the operator typed that may be a webhook URL is left out of the message (it is a secret). */
function withoutUrls(message: string, args: readonly string[]): string {
  return args.filter((arg) => arg.includes("://")).reduce((text, arg) => text.split(arg).join("<url>"), message);
}

function parseAction(args: string[]): ChatArgs {
  const [action, ...rest] = args;
  const known = ACTIONS.find((name) => name === action);
  if (!known) throw new UsageError(action === undefined ? "chat needs set, remove or test" : `chat ${action}: not set, remove or test`);
  const options =
    known === "set"
      ? { installation: { type: "string" }, url: { type: "string" }, "url-file": { type: "string" } }
      : { installation: { type: "string" } };
  const { "url-file": urlFile, ...parsed } = parseCommand(rest, options as Parameters<typeof parseCommand>[1], chatArgs);
  if (parsed.url !== undefined && urlFile !== undefined) throw new UsageError("give --url or --url-file, not both");
  return { action: known, ...parsed, urlFile };
}

/** `chat set|remove|test --installation <id or login> [--url <url> | --url-file <path>]`, checked; errors never quote a URL. */
export function parseChatArgs(args: string[]): ChatArgs {
  try {
    return parseAction(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(withoutUrls(error.message, args));
  }
}

const TEST_TEXT =
  ":wave: satisfaction-bot test message. Summaries and alerts of this installation's repositories will arrive here, " +
  "as each repository's `.github/satisfaction.yml` chooses (`chat.summaries`, `chat.alerts`).";

/**
 * `chat set` stores the installation's chat webhook (replacing one set before), `chat remove`
 * deletes it, `chat test` sends a test message to it now and says whether it arrived (exit code 1
 * when it did not). The URL is never printed.
 */
export async function chatCommand(db: Db, args: ChatArgs, now: Date): Promise<string> {
  const installation = await resolveInstallation(db, args.installation);
  const name = installationLabel(installation);
  if (args.action === "set" && args.url !== undefined) {
    const replaced = await setChatWebhook(db, installation.id, args.url, now);
    return `chat webhook ${replaced ? "replaced" : "set"} for ${name}: summaries and alerts go to it as each repository's .github/satisfaction.yml chooses (chat.summaries, chat.alerts)`;
  }
  if (args.action === "remove") {
    return (await removeChatWebhook(db, installation.id))
      ? `chat webhook removed for ${name}: nothing more is sent to it`
      : `${name} had no chat webhook: nothing to remove`;
  }
  const url = await chatWebhookUrl(db, installation.id);
  if (url === null) throw new UsageError(`${name} has no chat webhook: set one with chat set`);
  try {
    return `chat test for ${name}: delivered (HTTP ${await sendChatMessage(url, TEST_TEXT)})`;
  } catch (error) {
    if (!(error instanceof ChatWebhookError)) throw error;
    throw new Error(`chat test for ${name} failed: ${error.message}`);
  }
}

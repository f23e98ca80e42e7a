import fs from "node:fs/promises";
import { chatWebhookUrl } from "../chat/webhook-url.js";
import { UsageError } from "./args.js";
import type { ChatArgs } from "./chat.js";

export const URL_FLAG_WARNING =
  "satisfaction-bot: warning: --url puts the chat webhook URL, a secret, in the process list and your shell history; prefer --url-file or standard input";

/** The first line of standard input, read up to its first newline or its end (a pipe, or what the operator typed). */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

/** Reads the URL from where `chat set` was told (the file, else standard input); never repeats it in an error. */
async function readUrl(args: ChatArgs, input: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<{ text: string; from: string }> {
  if (args.urlFile !== undefined) {
    try {
      return { text: (await fs.readFile(args.urlFile, "utf8")).split(/\r?\n/)[0] ?? "", from: "--url-file" };
    } catch (error) {
      throw new UsageError(`--url-file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  if (input.isTTY) process.stderr.write("Chat webhook URL (not echoed anywhere else), then Enter: ");
  return { text: await firstLine(input), from: "standard input" };
}

/**
 * `chat set` with its URL: given with --url (kept for scripts, with a warning: it shows in `ps` and
 * the shell's history), else the first line of --url-file, else the first line of standard input.
 */
export async function withChatUrl(args: ChatArgs, input: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<ChatArgs> {
  if (args.action !== "set") return args;
  if (args.url !== undefined) {
    console.error(URL_FLAG_WARNING);
    return args;
  }
  const { text, from } = await readUrl(args, input);
  const parsed = chatWebhookUrl.safeParse(text.trim());
  if (!parsed.success) throw new UsageError(`the URL from ${from} ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  return { ...args, url: parsed.data };
}

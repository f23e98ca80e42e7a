import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import type { Db, Queryable } from "../../src/db/types.js";
import type { OctokitFor } from "../../src/github/octokit.js";
import { serializeError } from "../../src/logger.js";
import { setChatWebhook } from "../../src/queries/chat-webhooks.js";
import { POST_CHAT } from "../../src/queries/chat-messages.js";
import type { Logger } from "pino";
import { workRegistry } from "../../src/work/registry.js";
import { workDue } from "../../src/work/work-due.js";

/** A Slack-style incoming webhook: the last path segment is the secret a leak would show. */
export const HOOK = "https://hooks.chat.test";
export const SECRET_TOKEN = "xoxT0k3nS3cr3tZq9";
export const HOOK_PATH = `/services/T0001/B0002/${SECRET_TOKEN}`;
export const HOOK_URL = `${HOOK}${HOOK_PATH}`;

export async function setHook(db: Queryable, installationId: number, url = HOOK_URL): Promise<void> {
  await setChatWebhook(db, installationId, url, new Date("2026-11-01T00:00:00Z"));
}

/** Expects one POST to the chat webhook, answered `status`; the text sent lands in `into`. */
export function expectChat(into: string[], status = 200): nock.Scope {
  return nock(HOOK)
    .post(HOOK_PATH, (body: { text: string }) => {
      into.push(body.text);
      return true;
    })
    .matchHeader("content-type", "application/json")
    .reply(status, status === 200 ? "ok" : "no_service");
}

/** Every log line at every level, to search for the secret. */
export function captureLogs(): { lines: string[]; log: Logger } {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { lines, log: pino({ level: "trace", serializers: { err: serializeError } }, sink) };
}

/** Works the due work at `now` and counts the chat posts by result (`sent`, `retry`, `failed`...). */
export async function workChat(deps: { db: Db; log: Logger; octokitFor: OctokitFor }, now: Date) {
  const tally = await workDue({ db: deps.db, log: deps.log, kinds: workRegistry }, deps.octokitFor, now);
  return Object.fromEntries(tally.byKind.get(POST_CHAT) ?? []);
}

export type ChatRow = {
  scope: string;
  period_key: string;
  kind: string;
  status: string;
  sent_at: Date | null;
  work_state: string | null;
  attempts: number | null;
  last_error: string | null;
  payload: Record<string, unknown> | null;
};

/** The chat messages with the state of their work (null once done: done work is deleted). */
export async function chatRows(db: Queryable): Promise<ChatRow[]> {
  const { rows } = await db.query<ChatRow>(
    `SELECT m.scope, m.period_key, m.kind, m.status, m.sent_at, w.state AS work_state, w.attempts, w.last_error, w.payload
     FROM chat_messages m LEFT JOIN work w ON w.installation_id = m.installation_id AND w.kind = $1 AND w.key = m.id::text
     ORDER BY m.id`,
    [POST_CHAT],
  );
  return rows;
}

/** Every text column of the work table, to search for the secret. */
export async function workTableText(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ text: string | null }>("SELECT string_agg(row_to_json(w)::text, ' ') AS text FROM work w");
  return rows[0]?.text ?? "";
}

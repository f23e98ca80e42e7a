import nock from "nock";
import { pino } from "pino";
import type { Logger } from "pino";
import type { Probot } from "probot";
import { expect } from "vitest";
import type { Db } from "../../src/db/types.js";
import { confirmUninstalls } from "../../src/privacy/confirm-uninstall.js";
import { API, createTestProbot, receive } from "./app.js";
import { example } from "./fixtures.js";

type Json = Record<string, unknown>;

/** GitHub's installation.deleted example, about installation `id` (and `account`, when given). */
export function uninstallPayload(id: number, account?: Json): Json {
  const payload = example("installation", "deleted");
  Object.assign(payload.installation as object, { id }, account ? { account } : {});
  return payload;
}

/**
 * Expects the app's `GET /app/installations/{id}`: 404 once the app is uninstalled, or another
 * status, or the installation as GitHub's webhook examples show it (suspended when `suspendedAt`).
 */
export function mockInstallationLookup(id: number, answer: number | { suspendedAt: string | null } = 404): nock.Scope {
  const scope = nock(API).get(`/app/installations/${id}`);
  if (typeof answer === "number") return scope.reply(answer, { message: answer === 404 ? "Not Found" : "Server Error" });
  const installation = example("installation", answer.suspendedAt ? "suspend" : "created").installation as Json;
  return scope.reply(200, { ...installation, id, suspended_at: answer.suspendedAt });
}

/** The due work's confirmation of recorded uninstalls, as the app (the JWT client of a test Probot). */
export function confirmAsApp(db: Db, now: Date, log: Logger = pino({ level: "silent" })): Promise<number> {
  const probot = createTestProbot();
  return confirmUninstalls({ db, log, appOctokit: () => probot.auth() }, now);
}

/** An uninstall as GitHub makes it: the webhook, then the due work's lookup answered 404, erasing the installation. */
export async function uninstall(probot: Probot, db: Db, payload: Json, now = new Date("2026-11-03T10:01:00Z")): Promise<void> {
  await receive(probot, "installation", payload);
  const lookup = mockInstallationLookup((payload.installation as { id: number }).id);
  expect(await confirmAsApp(db, now)).toBe(1);
  expect(lookup.isDone()).toBe(true);
}

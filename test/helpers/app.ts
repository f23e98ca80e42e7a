import { generateKeyPairSync, randomUUID } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import type { AppDeps } from "../../src/app-deps.js";
import type { Db } from "../../src/db/types.js";
import { satisfactionBot } from "../../src/index.js";
import { pino } from "pino";
import { workInline } from "../../src/work/after-answer.js";
import { workRegistry } from "../../src/work/registry.js";
import { defaultConfig } from "../../src/config/schema.js";
import { INSTALLATION_ID } from "./fixtures.js";

export const API = "https://api.github.com";
export const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

// A function, so that it applies after Probot's own throttle options (an object would be overridden).
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { enabled: false },
  retry: { enabled: false },
}));

export function createTestProbot(options: { baseUrl?: string } = {}): Probot {
  return new Probot({ appId: 1, privateKey, Octokit: TestOctokit, logLevel: "fatal", ...options });
}

/** The work a webhook queues, run before the webhook returns: what tests wait on. */
export function inlineWork(db: Db, clock: () => Date) {
  return workInline({ db, log: pino({ level: "silent" }), kinds: workRegistry }, clock);
}

/**
 * A Probot with the app loaded on `db`, its clock fixed at `now` unless a clock is given. Every
 * repository has the default configuration here; the configuration's own tests read it from GitHub.
 */
export function createTestApp(db: Db, clock: () => Date = () => new Date("2026-11-03T10:00:05Z")) {
  const deps: AppDeps = { db, clock, config: async () => ({ config: defaultConfig, error: null }), work: inlineWork(db, clock) };
  const probot = createTestProbot();
  probot.load(satisfactionBot(deps));
  return { probot, deps };
}

export async function receive(probot: Probot, name: string, payload: Record<string, unknown>, id: string = randomUUID()) {
  await probot.receive({ id, name, payload } as never);
  return id;
}

/** The installation token GitHub hands the app; Probot caches it per Probot instance. */
export function mockToken(base: string = API, installationId: number = INSTALLATION_ID): nock.Scope {
  return nock(base)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: { issues: "write" } });
}

export function surveyCommentReply(id: number, createdAt: string) {
  return { id, body: "survey", created_at: createdAt, user: { login: "satisfaction-bot[bot]", id: 1, type: "Bot" } };
}

export function reaction(content: string, user: { id: number; login: string }, createdAt = "2026-11-03T12:00:00Z") {
  return { id: Math.floor(Math.random() * 1e9), content, created_at: createdAt, user: { ...user, type: "User" } };
}

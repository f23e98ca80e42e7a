import { pino } from "pino";
import { expect } from "vitest";
import { commandOf } from "../../src/cli/main.js";
import type { Db } from "../../src/db/types.js";
import { parseEnv } from "../../src/env.js";
import { cliOnDatabase, runCli } from "../helpers/cli.js";
import { seedInstallation, seedRepository } from "../helpers/seed-work.js";

/** The feedback API through real HTTP requests, with tokens the CLI made. */

export const NOW = new Date("2026-11-20T12:00:00Z");
export const OCTO = { id: 100, login: "octo", repo: { id: 700, name: "octo/app" }, docs: { id: 701, name: "octo/docs" } };
export const ACME = { id: 200, login: "acme", repo: { id: 800, name: "acme/site" } };

/** A store the tests run on: PostgreSQL (the CLI runs as a command on it) or PGlite (the CLI's code on the open database). */
export type Store = { name: "postgres" | "pglite"; db: () => Db; url: () => string };

const silent = pino({ level: "silent" });

/**
 * `satisfaction-bot <argv>` on the store, and what it printed; throws with its error when it fails.
 * On PostgreSQL the whole command runs (main(): environment, database, exit code); PGlite serves one
 * process, so there the command main() would run is run on the test's database.
 */
export async function cli(store: Store, ...argv: string[]): Promise<string> {
  if (store.name === "pglite") return commandOf(argv, parseEnv({}), silent)(store.db());
  cliOnDatabase(store.url());
  const result = await runCli(...argv);
  if (result.code !== 0) throw new Error(result.err.join("\n"));
  return result.out.join("\n");
}

/** `token create`'s last line: the token alone. */
export async function createToken(store: Store, installation: string, name?: string): Promise<string> {
  const printed = await cli(store, "token", "create", "--installation", installation, ...(name ? ["--name", name] : []));
  const token = printed.split("\n").at(-1) ?? "";
  expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
  return token;
}

export async function seedInstallations(db: Db): Promise<void> {
  await seedInstallation(db, OCTO.id, OCTO.login);
  await seedRepository(db, OCTO.id, OCTO.repo.id, OCTO.repo.name);
  await seedRepository(db, OCTO.id, OCTO.docs.id, OCTO.docs.name);
  await seedInstallation(db, ACME.id, ACME.login);
  await seedRepository(db, ACME.id, ACME.repo.id, ACME.repo.name);
}

/** A valid feedback body, for octo/app by email, with `changes` over it. */
export function feedback(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    repository: OCTO.repo.name,
    channel: "email",
    reporter: "alice@example.com",
    rating: 5,
    occurredAt: "2026-11-20T10:00:00Z",
    ...changes,
  };
}

export type Answer = { status: number; headers: Record<string, string>; body: unknown; text: string };

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), body, text };
}

/** The API of a running server, as a desk calls it (a token, or none). */
export function apiClient(base: string, token: string | undefined) {
  const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return {
    post: async (body: unknown, headers: Record<string, string> = {}) =>
      answer(
        await fetch(`${base}/api/feedback`, {
          method: "POST",
          headers: { "content-type": "application/json", ...auth, ...headers },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
      ),
    satisfaction: async (query: string) => answer(await fetch(`${base}/api/satisfaction?${query}`, { headers: auth })),
  };
}

/** The desk experiences stored, as the tests compare them. */
export async function deskRows(db: Db) {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, installation_id, repository_id, channel, desk_identity, outcome, closed_at, answered_at, received_at, url, comment, idempotency_key
     FROM experiences WHERE desk_identity IS NOT NULL ORDER BY id`,
  );
  return rows;
}

import nock from "nock";
import { pino } from "pino";
import { satisfactionBot } from "../../src/index.js";
import type { AppDeps } from "../../src/app-deps.js";
import { configFor } from "../../src/config/repository-config.js";
import type { Db } from "../../src/db/types.js";
import type { Octokit } from "../../src/github/octokit.js";
import { upsertInstallation } from "../../src/queries/installations.js";
import { upsertRepository } from "../../src/queries/repositories.js";
import { API, createTestProbot, TestOctokit, inlineWork } from "../helpers/app.js";
import { example, INSTALLATION_ID } from "../helpers/fixtures.js";

/** Shared by the configuration suites: the real configuration source, file mocks, push payloads. */

export const log = pino({ level: "silent" });

/** The repository of GitHub's examples (issues, push): Codertocat/Hello-World. */
export const REPO = { id: 186_853_002, full_name: "Codertocat/Hello-World", private: false };
export const TARGET = { installationId: INSTALLATION_ID, repositoryId: REPO.id, fullName: REPO.full_name };
export const REPO_FILE = "Codertocat/Hello-World:.github/satisfaction.yml";

/** An installation-token Octokit like the one Probot hands a handler, with retries off. */
export function testOctokit(): Octokit {
  return new TestOctokit({ auth: { token: "ghs_test" } }) as unknown as Octokit;
}

/** A Probot with the app loaded and the repository configuration read from GitHub, as in production. */
export function createConfiguredApp(db: Db, clock: () => Date = () => new Date("2026-11-03T10:00:05Z")) {
  const deps: AppDeps = {
    db,
    clock,
    config: (octokit, target, logger) => configFor({ db, log: logger }, octokit, target),
    work: inlineWork(db, clock),
  };
  const probot = createTestProbot();
  probot.load(satisfactionBot(deps));
  return { probot, deps };
}

/** The contents API path Probot's config plugin asks for: the file path is one %2F-encoded segment. */
export function contentsPath(fullName: string, path = ".github/satisfaction.yml"): string {
  return `/repos/${fullName}/contents/${encodeURIComponent(path)}`;
}

/** `persist`: served however often it is read (at least once), for a test of a known bug. */
type FileOptions = { path?: string; ref?: string; times?: number; persist?: boolean };

function fileRequest(fullName: string, options: FileOptions) {
  const scope = nock(API);
  if (options.persist) scope.persist();
  return scope
    .get(contentsPath(fullName, options.path))
    .query(options.ref ? { ref: options.ref } : {})
    .matchHeader("accept", "application/vnd.github.v3.raw")
    .times(options.times ?? 1);
}

/** Serves a configuration file's raw text (`times`: a schema error reads it twice, to find the line). */
export function mockConfigFile(fullName: string, text: string, options: FileOptions = {}): nock.Scope {
  return fileRequest(fullName, options).reply(200, text, { "content-type": "text/plain; charset=utf-8" });
}

/** Answers a configuration file read with an HTTP status (404: no such file). */
export function mockConfigStatus(fullName: string, status: number, options: FileOptions = {}): nock.Scope {
  return fileRequest(fullName, options).reply(status, { message: status === 404 ? "Not Found" : "Server Error" });
}

/** No file in the repository nor in the organisation's .github repository. */
export function mockNoConfig(fullName: string = REPO.full_name): void {
  mockConfigStatus(fullName, 404);
  mockConfigStatus(`${fullName.split("/")[0]}/.github`, 404);
}

/** Stores the installation and a repository, as the webhooks do before a configuration is kept. */
export async function seedRepository(db: Db, repository: { id: number; full_name: string } = REPO, installationId = INSTALLATION_ID) {
  await upsertInstallation(db, { id: installationId });
  await upsertRepository(db, installationId, { ...repository, private: false });
}

/** Makes the stored configurations load again, as an hour passing would. */
export async function expireConfigs(db: Db): Promise<void> {
  await db.query("UPDATE repository_configs SET loaded_at = now() - interval '2 hours'");
}

export const AFTER = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

type PushOptions = {
  ref?: string;
  files?: { added?: string[]; modified?: string[]; removed?: string[] };
  repository?: { id: number; name: string; full_name: string };
};

/** GitHub's push example (a branch push with an installation), pushing commit AFTER. */
export function pushPayload(options: PushOptions = {}): Record<string, unknown> {
  // Push payloads have no action: the example is looked up by `action === undefined`.
  const payload = example("push", undefined as unknown as string, (candidate) => candidate.ref === "refs/heads/master");
  const repository = payload.repository as Record<string, unknown>;
  Object.assign(repository, { default_branch: "master", ...options.repository });
  const [commit] = payload.commits as Record<string, unknown>[];
  const files = options.files ?? { modified: [".github/satisfaction.yml"] };
  const pushed = { ...commit, id: AFTER, added: files.added ?? [], modified: files.modified ?? [], removed: files.removed ?? [] };
  return {
    ...payload,
    ref: options.ref ?? "refs/heads/master",
    after: AFTER,
    commits: [pushed],
    head_commit: pushed,
    installation: { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" },
  };
}

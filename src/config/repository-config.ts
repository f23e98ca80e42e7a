import type { Logger } from "pino";
import type { Queryable } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { splitFullName } from "../github/octokit.js";
import { readStoredConfig, storeConfig, storeConfigError } from "../queries/repository-configs.js";
import type { ConfigError, ConfigLoad } from "./load-config.js";
import { loadRepositoryConfig } from "./load-config.js";
import type { RepositoryConfig } from "./schema.js";
import { configSchema, defaultConfig } from "./schema.js";

export type ConfigTarget = { installationId: number; repositoryId: number; fullName: string };
export type EffectiveConfig = { config: RepositoryConfig; error: ConfigError | null };

/** A stored configuration as the schema reads it; the defaults when it no longer parses. */
export function parseStoredConfig(config: unknown): RepositoryConfig {
  const parsed = configSchema.safeParse(config ?? {});
  return parsed.success ? parsed.data : defaultConfig;
}

/** Stores the outcome of a load: a good file replaces the last good one, a broken one is recorded. */
export async function recordConfigLoad(db: Queryable, target: ConfigTarget, load: ConfigLoad, log: Logger): Promise<void> {
  const ref = { installationId: target.installationId, repositoryId: target.repositoryId };
  if (load.ok) return storeConfig(db, ref, load.config);
  // Ids, not names, in logs: a repository's name may be private. The maintainer sees the file and
  // line in the check run and the summary.
  const { line, message } = load.error;
  log.error({ ...ref, line, problem: message }, "invalid satisfaction.yml; keeping the last good configuration");
  await storeConfigError(db, ref, load.error);
}

/**
 * The configuration in force for a repository: the stored one while fresh, else read from GitHub.
 * A broken file never fails the caller: the last good configuration (or the defaults) stays in force
 * and the error is returned so it can be shown to the maintainer.
 */
export async function configFor(deps: { db: Queryable; log: Logger }, octokit: Octokit, target: ConfigTarget): Promise<EffectiveConfig> {
  const stored = await readStoredConfig(deps.db, target);
  // Trusted for an hour; a push that changes the file refreshes it at once.
  if (stored?.fresh) {
    return { config: parseStoredConfig(stored.config), error: stored.error };
  }
  const { owner, repo } = splitFullName(target.fullName);
  let load: ConfigLoad;
  try {
    load = await loadRepositoryConfig(octokit, owner, repo);
  } catch (error) {
    deps.log.warn(
      { installationId: target.installationId, repositoryId: target.repositoryId, err: error },
      "cannot read satisfaction.yml; using the stored configuration",
    );
    return { config: parseStoredConfig(stored?.config), error: stored?.error ?? null };
  }
  await recordConfigLoad(deps.db, target, load, deps.log);
  return load.ok ? { config: load.config, error: null } : { config: parseStoredConfig(stored?.config), error: load.error };
}

/** The stored configuration without asking GitHub (the defaults when none is stored), and whether it is fresh. */
export async function storedConfigFor(
  db: Queryable,
  target: Omit<ConfigTarget, "fullName">,
): Promise<EffectiveConfig & { fresh: boolean }> {
  const stored = await readStoredConfig(db, target);
  return { config: parseStoredConfig(stored?.config), error: stored?.error ?? null, fresh: stored?.fresh ?? false };
}

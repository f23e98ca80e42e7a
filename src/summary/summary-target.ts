import type { Logger } from "pino";
import type { Db } from "../db/types.js";
import type { Octokit } from "../github/octokit.js";
import { installationRepositoriesNow } from "../github/installation-repositories.js";
import { repositoryNow } from "../github/repository-now.js";
import { ensureRepository } from "../queries/repositories.js";
import type { SummaryCandidate } from "../queries/summary-candidates.js";

/**
 * The target of a summary that names more than its own repository (the organisation's), as GitHub
 * has it now: the stored visibility may be stale (a repository event missed or late), and what is
 * private must never be posted into a repository made public. The stored row is refreshed from
 * GitHub's answer. Null, logged, when the target is gone or its name is now another repository's.
 */
export async function confirmedTarget(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  target: SummaryCandidate,
): Promise<SummaryCandidate | null> {
  const context = { installationId: target.installationId, repositoryId: target.id };
  const now = await repositoryNow(octokit, target.fullName);
  if (now?.id !== target.id) {
    deps.log.error({ ...context, foundId: now?.id ?? null }, "summary target repository is gone from GitHub; summary not posted");
    return null;
  }
  if (now.private !== target.private)
    deps.log.warn({ ...context, private: now.private }, "stored visibility of a summary target was stale");
  await ensureRepository(deps.db, target.installationId, now);
  return {
    ...target,
    fullName: now.full_name,
    private: now.private,
    stargazers: now.stargazers_count ?? target.stargazers,
    defaultBranch: now.default_branch ?? target.defaultBranch,
  };
}

/** The repositories an organisation summary posted in `target` may show, by their stored flags: all in a private one, the public ones in a public one. */
export function visibleIn<R extends { private: boolean }>(target: { private: boolean }, repositories: R[]): R[] {
  return target.private ? repositories : repositories.filter((repository) => !repository.private);
}

/**
 * The repositories an organisation summary posted in `target` may show, by GitHub's answer now: in a
 * public target only those GitHub lists as public, since a stored flag is stale when a `repository`
 * event was missed (an app registered before it subscribed to them gets none). Stale flags are stored.
 */
export async function visibleNowIn<R extends { id: number; fullName: string; private: boolean }>(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  target: SummaryCandidate,
  repositories: R[],
): Promise<R[]> {
  if (target.private) return repositories;
  const listed = new Map((await installationRepositoriesNow(octokit)).map((repository) => [repository.id, repository]));
  const visible: R[] = [];
  for (const repository of repositories) {
    const now = listed.get(repository.id);
    if (now && now.private !== repository.private) {
      deps.log.warn(
        { installationId: target.installationId, repositoryId: repository.id, private: now.private },
        "stored visibility of a repository was stale",
      );
      await ensureRepository(deps.db, target.installationId, now);
    }
    if (now?.private === false) visible.push({ ...repository, fullName: now.full_name, private: false });
  }
  return visible;
}

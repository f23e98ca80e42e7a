import { z } from "zod";
import type { Octokit } from "./octokit.js";
import type { RepositoryNow } from "./repository-now.js";
import { repositoryAnswer } from "./repository-now.js";

/**
 * Every repository the installation reaches, as GitHub has it now (`GET /installation/repositories`,
 * every page): their ids, names and visibility. A request that fails throws, so that what depends on
 * it is retried rather than built from stale flags.
 */
export async function installationRepositoriesNow(octokit: Octokit): Promise<RepositoryNow[]> {
  const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return z.array(repositoryAnswer).parse(repositories);
}

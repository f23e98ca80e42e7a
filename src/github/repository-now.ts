import { z } from "zod";
import type { Octokit } from "./octokit.js";
import { httpStatus, splitFullName } from "./octokit.js";

export const repositoryAnswer = z.object({
  id: z.number().int(),
  full_name: z.string().regex(/^[^/]+\/[^/]+$/),
  private: z.boolean(),
  stargazers_count: z.number().int().nonnegative().optional(),
  default_branch: z.string().optional(),
});

export type RepositoryNow = z.infer<typeof repositoryAnswer>;

/**
 * A repository as GitHub has it now (`GET /repos/{owner}/{repo}`, which follows a rename): its id,
 * name and visibility. Null when it is gone or out of the installation's reach (404).
 */
export async function repositoryNow(octokit: Octokit, fullName: string): Promise<RepositoryNow | null> {
  try {
    const { data } = await octokit.rest.repos.get(splitFullName(fullName));
    return repositoryAnswer.parse(data);
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

import { z } from "zod";
import type { Octokit } from "./octokit.js";
import { httpStatus, splitFullName } from "./octokit.js";

// The contents API's answer for a file; a folder answers a list, a file over 1 MB has no content.
const fileSchema = z.object({
  type: z.literal("file"),
  encoding: z.literal("base64"),
  content: z.string(),
  sha: z.string(),
});

/** A file's text on the default branch, through the contents API; null when it is not a readable file there (404, a folder, too large). */
export async function readRepositoryFile(octokit: Octokit, fullName: string, path: string): Promise<string | null> {
  const { owner, repo } = splitFullName(fullName);
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path }));
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
  const file = fileSchema.safeParse(data);
  if (!file.success) return null;
  return Buffer.from(file.data.content, "base64").toString("utf8");
}

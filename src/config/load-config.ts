import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";
import type { RepositoryConfig } from "./schema.js";
import { configSchema } from "./schema.js";
import { hasPath, lineOf, mergeLayers } from "./locate.js";

export const CONFIG_FILE = "satisfaction.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

/** Where a broken configuration is broken: the file (owner/repo:path), the line, and what is wrong. */
export type ConfigError = { file: string; line: number | null; message: string };
export type ConfigLoad = { ok: true; config: RepositoryConfig; present: boolean } | { ok: false; error: ConfigError };

type ConfigFile = { owner: string; repo: string; path: string; config: Record<string, unknown> | null };

async function rawText(octokit: Octokit, file: ConfigFile, ref: string | undefined): Promise<string> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
    owner: file.owner,
    repo: file.repo,
    path: file.path,
    mediaType: { format: "raw" },
    ...(ref ? { ref } : {}),
  });
  return String(data);
}

/** `owner/repo:path` from a contents API URL (the config plugin names files by URL). */
function fileOfUrl(url: string | undefined): string | null {
  const match = url ? /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?]+)/.exec(url) : null;
  return match ? `${match[1]}/${match[2]}:${decodeURIComponent(match[3] ?? "")}` : null;
}

/**
 * Reads `.github/satisfaction.yml` the way Probot's `context.config` does (the repository's default
 * branch, else the organisation's `.github` repository, `_extends` honoured), merges the layers and
 * validates them. A broken file is reported with its path and line, never thrown.
 */
export async function loadRepositoryConfig(octokit: Octokit, owner: string, repo: string, ref?: string): Promise<ConfigLoad> {
  let files: ConfigFile[];
  try {
    ({ files } = (await octokit.config.get({ owner, repo, path: CONFIG_PATH, ...(ref ? { branch: ref } : {}) })) as unknown as {
      files: ConfigFile[];
    });
  } catch (error) {
    if (httpStatus(error) !== undefined) throw error; // GitHub failed: not the file's fault
    const cause = (error as { cause?: { linePos?: { line: number }[]; message?: string } }).cause;
    const url = /from (\S+)/.exec((error as Error).message)?.[1];
    const message = cause?.message?.split("\n")[0] ?? (error as Error).message.replace("[@probot/octokit-plugin-config] ", "");
    return {
      ok: false,
      error: { file: fileOfUrl(url) ?? `${owner}/${repo}:${CONFIG_PATH}`, line: cause?.linePos?.[0]?.line ?? null, message },
    };
  }
  const layers = files.filter((file) => file.config !== null).reverse();
  const parsed = configSchema.safeParse(mergeLayers(layers.map((file) => file.config as Record<string, unknown>)));
  if (parsed.success) return { ok: true, config: parsed.data, present: layers.length > 0 };
  const issue = parsed.error.issues[0];
  const path = [...(issue?.path ?? []), ...((issue as { keys?: string[] } | undefined)?.keys?.slice(0, 1) ?? [])] as (string | number)[];
  const culprit = [...layers].reverse().find((file) => hasPath(file.config ?? {}, path)) ?? layers[layers.length - 1];
  const where = culprit ? `${culprit.owner}/${culprit.repo}:${culprit.path}` : `${owner}/${repo}:${CONFIG_PATH}`;
  const sameRepository = culprit?.owner === owner && culprit.repo === repo;
  const line = culprit ? lineOf(await rawText(octokit, culprit, sameRepository ? ref : undefined), path) : null;
  const message = `${path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
  return { ok: false, error: { file: where, line, message } };
}

import type { Octokit } from "../github/octokit.js";
import type { ConfigFile, FileAddress } from "./config-files.js";
import { ConfigFileProblem, fileName, readConfigFile } from "./config-files.js";
import { extendsTarget, sameRepository } from "./extends-target.js";
import type { RepositoryConfig } from "./schema.js";
import { configSchema } from "./schema.js";
import { hasPath, lineOf, mergeLayers } from "./locate.js";

export const CONFIG_FILE = "satisfaction.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

/** Where a broken configuration is broken: the file (owner/repo:path), the line, and what is wrong. */
export type ConfigError = { file: string; line: number | null; message: string };
export type ConfigLoad = { ok: true; config: RepositoryConfig; present: boolean } | { ok: false; error: ConfigError };

type Home = { owner: string; repo: string };

/**
 * What is wrong, as the repository's maintainers are told. A file of the organisation's `.github`
 * repository may be private: its mistake is located, never quoted, where this repository shows it.
 */
function problemIn(file: FileAddress, home: Home, line: number | null, message: string): ConfigError {
  const quoted = sameRepository(file, home) ? message : `this file is invalid; open it${line === null ? "" : " at that line"} to see why`;
  return { file: fileName(file), line, message: quoted };
}

/**
 * The repository's file (at `ref`), else the organisation's `.github` one, then every file it
 * extends, nearest first. Throws ConfigFileProblem for a file that cannot be used.
 */
async function readLayers(octokit: Octokit, home: Home, ref: string | undefined): Promise<ConfigFile[]> {
  const own = await readConfigFile(octokit, { ...home, path: CONFIG_PATH }, ref);
  const first =
    own ?? (home.repo === ".github" ? null : await readConfigFile(octokit, { owner: home.owner, repo: ".github", path: CONFIG_PATH }));
  const files: ConfigFile[] = [];
  for (let file = first; file;) {
    files.push(file);
    if (file.extendsValue === undefined) break;
    const target = extendsTarget(file.extendsValue, home, CONFIG_PATH);
    const extendsLine = lineOf(file.text, ["_extends"]);
    if (!target.ok) throw new ConfigFileProblem(file, extendsLine, target.problem);
    const address = target.address;
    if (files.some((loaded) => sameRepository(loaded, address) && loaded.path === address.path)) {
      throw new ConfigFileProblem(file, extendsLine, `_extends: ${fileName(address)} is already part of this configuration (a loop)`);
    }
    file = await readConfigFile(octokit, address, sameRepository(address, home) ? ref : undefined);
  }
  return files;
}

/**
 * Reads `.github/satisfaction.yml` the way Probot's `context.config` does (the repository's default
 * branch or `ref`, else the organisation's `.github` repository, `_extends` honoured within this
 * repository and that one), merges the layers and validates them. A broken file is reported with
 * its path and line, never thrown; a GitHub failure is thrown, since it is not the file's fault.
 */
export async function loadRepositoryConfig(octokit: Octokit, owner: string, repo: string, ref?: string): Promise<ConfigLoad> {
  const home = { owner, repo };
  let files: ConfigFile[];
  try {
    files = await readLayers(octokit, home, ref);
  } catch (error) {
    if (!(error instanceof ConfigFileProblem)) throw error;
    return { ok: false, error: problemIn(error.address, home, error.line, error.problem) };
  }
  const layers = [...files].reverse();
  const parsed = configSchema.safeParse(mergeLayers(layers.map((file) => file.config)));
  if (parsed.success) return { ok: true, config: parsed.data, present: layers.length > 0 };
  const issue = parsed.error.issues[0];
  const path = [...(issue?.path ?? []), ...((issue as { keys?: string[] } | undefined)?.keys?.slice(0, 1) ?? [])] as (string | number)[];
  const culprit = files.find((file) => hasPath(file.config, path)) ?? files[0];
  const message = `${path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
  if (!culprit) return { ok: false, error: { file: `${owner}/${repo}:${CONFIG_PATH}`, line: null, message } };
  return { ok: false, error: problemIn(culprit, home, lineOf(culprit.text, path), message) };
}

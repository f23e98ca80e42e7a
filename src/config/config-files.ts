import { parseDocument } from "yaml";
import type { Octokit } from "../github/octokit.js";
import { httpStatus } from "../github/octokit.js";

/** One file of a configuration: where it is, its text (to find lines in), what it sets and what it extends. */
export type ConfigFile = {
  owner: string;
  repo: string;
  path: string;
  text: string;
  config: Record<string, unknown>;
  extendsValue: unknown;
};
export type FileAddress = { owner: string; repo: string; path: string };

/** A file that cannot be a configuration: the line (when known) and why, for the maintainer. */
export class ConfigFileProblem extends Error {
  constructor(
    readonly address: FileAddress,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export const fileName = (file: FileAddress): string => `${file.owner}/${file.repo}:${file.path}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses a configuration file's YAML: an empty file sets nothing; anything but a mapping is refused. */
export function parseConfigText(address: FileAddress, text: string): ConfigFile {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0]?.line ?? null;
    throw new ConfigFileProblem(address, line, error.message.split("\n")[0] ?? "invalid YAML");
  }
  const contents: unknown = document.toJS() ?? {};
  if (!isObject(contents)) throw new ConfigFileProblem(address, 1, "the file must be a mapping of keys (YAML is not an object)");
  const { _extends: extendsValue, ...config } = contents;
  return { ...address, text, config, extendsValue };
}

/**
 * Reads a configuration file as raw text from the contents API: null when it does not exist. Any
 * other GitHub failure is thrown as it is, since it is not the file's fault.
 */
export async function readConfigFile(octokit: Octokit, address: FileAddress, ref?: string): Promise<ConfigFile | null> {
  let answer: { data: unknown; headers: Record<string, unknown> };
  try {
    answer = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...address,
      mediaType: { format: "raw" },
      ...(ref ? { ref } : {}),
    });
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
  // Asked for raw text, GitHub answers JSON only for a directory or a submodule.
  if (String(answer.headers["content-type"] ?? "").startsWith("application/json")) {
    throw new ConfigFileProblem(address, null, "this path is a directory or a submodule, not a file");
  }
  return parseConfigText(address, String(answer.data));
}

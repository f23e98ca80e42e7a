import type { FileAddress } from "./config-files.js";

// Probot's `_extends` syntax: `repo`, `owner/repo`, either with `:path.yml`.
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

export type ExtendsTarget = { ok: true; address: FileAddress } | { ok: false; problem: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether two names are one repository: GitHub's owner and repository names ignore case. */
export const sameRepository = (a: { owner: string; repo: string }, b: { owner: string; repo: string }): boolean =>
  same(a.owner, b.owner) && same(a.repo, b.repo);

/**
 * Where an `_extends` value points, if the app may read it for `home` (the repository whose
 * configuration this is): a file of that repository, or of its owner's `.github` repository. The
 * installation's token could read any repository of the installation, and an error in the file
 * would be quoted into the repository's check run, so anything else is refused unread.
 */
export function extendsTarget(value: unknown, home: { owner: string; repo: string }, defaultPath: string): ExtendsTarget {
  const match = typeof value === "string" ? EXTENDS.exec(value.trim()) : null;
  if (!match?.[2]) {
    return { ok: false, problem: "_extends: must name a file as repo, owner/repo or owner/repo:path.yml" };
  }
  const owner = match[1] ?? home.owner;
  const repo = match[2];
  const allowed = same(owner, home.owner) && (same(repo, home.repo) || same(repo, ".github"));
  if (!allowed) {
    return {
      ok: false,
      problem: `_extends: ${owner}/${repo} is not read: a configuration may extend only a file of this repository or of ${home.owner}/.github`,
    };
  }
  return { ok: true, address: { owner: home.owner, repo: same(repo, home.repo) ? home.repo : ".github", path: match[3] ?? defaultPath } };
}

import { z } from "zod";
import type { Db } from "../db/types.js";
import { createApiToken } from "../api/tokens.js";
import type { ListedApiToken } from "../queries/api-tokens.js";
import { listApiTokens, revokeApiToken } from "../queries/api-tokens.js";
import type { NamedInstallation } from "../queries/installations.js";
import { liveRepositoryId } from "../queries/api-repositories.js";
import { parseCommand, repositoryName, UsageError } from "./args.js";
import { installationLabel, installationName, resolveInstallation } from "./resolve-installation.js";
import { expiryFrom, tokenExpiry } from "./token-expiry.js";

const createArgs = z.object({
  installation: installationName,
  name: z.string().trim().min(1, { message: "must not be empty" }).max(100, { message: "is too long (at most 100 characters)" }).optional(),
  repo: z.array(repositoryName).max(100, { message: "is given too often (at most 100 repositories)" }).optional(),
  expires: tokenExpiry.optional(),
});
const listArgs = z.object({ installation: installationName.optional() });

export type TokenArgs =
  ({ action: "create" } & z.infer<typeof createArgs>) | ({ action: "list" } & z.infer<typeof listArgs>) | { action: "revoke"; id: number };

const CREATE_OPTIONS = {
  installation: { type: "string" },
  name: { type: "string" },
  repo: { type: "string", multiple: true },
  expires: { type: "string" },
} as const;

/**
 * `token create --installation <id|login> [--name <label>] [--repo <owner/name>]... [--expires <90d|date>]`,
 * `token list [--installation ...]`, `token revoke <id>`.
 */
export function parseTokenArgs(args: string[]): TokenArgs {
  const [action, ...rest] = args;
  if (action === "create") return { action, ...parseCommand(rest, CREATE_OPTIONS, createArgs) };
  if (action === "list") return { action, ...parseCommand(rest, { installation: { type: "string" } }, listArgs) };
  if (action === "revoke") {
    const [id, ...extra] = rest;
    if (id === undefined || !/^\d{1,15}$/.test(id) || extra.length > 0)
      throw new UsageError("token revoke takes one token id (see token list)");
    return { action, id: Number(id) };
  }
  throw new UsageError(action === undefined ? "token needs create, list or revoke" : `token ${action}: not create, list or revoke`);
}

/** The ids of the repositories `--repo` names in the installation: an unknown or removed one is refused by name. */
async function scopeIds(db: Db, installation: NamedInstallation, names: string[] | undefined): Promise<number[] | null> {
  if (names === undefined) return null;
  const ids = new Set<number>();
  for (const name of names) {
    const id = await liveRepositoryId(db, installation.id, name);
    if (id === null) throw new UsageError(`--repo ${name} is not a repository of ${installationLabel(installation)}`);
    ids.add(id);
  }
  return [...ids];
}

function describe(token: ListedApiToken, now: Date): string {
  const expired = token.expiresAt !== null && token.expiresAt <= now;
  const status = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : expired ? "expired" : "live";
  const expires = token.expiresAt ? `expires ${token.expiresAt.toISOString()}` : "never expires";
  const scope = token.repositories ? `repositories ${token.repositories.join(", ") || "(none left)"}` : "all repositories";
  const name = token.name ?? "-";
  return `${token.id}\tinstallation ${token.installationId}\t${name}\tcreated ${token.createdAt.toISOString()}\t${status}\t${expires}\t${scope}`;
}

/**
 * `token create` makes a token of one installation, limited to the `--repo` repositories and
 * expiring at `--expires` when given, and prints it alone on the last line, the only time it is
 * shown (only its hash is stored). `token list` prints the tokens without them;
 * `token revoke` refuses a token from now on.
 */
export async function tokenCommand(db: Db, args: TokenArgs, now: Date): Promise<string> {
  if (args.action === "create") {
    const installation = await resolveInstallation(db, args.installation);
    const repositoryIds = await scopeIds(db, installation, args.repo);
    const expiresAt = expiryFrom(args.expires, now);
    const { token, stored } = await createApiToken(
      db,
      { installationId: installation.id, name: args.name ?? null, expiresAt, repositoryIds },
      now,
    );
    const limits = [
      args.repo ? `for ${args.repo.join(", ")} only` : "for every repository",
      expiresAt ? `until ${expiresAt.toISOString()}` : "with no expiry",
    ];
    return [
      `token ${stored.id}${stored.name ? ` "${stored.name}"` : ""} created for ${installationLabel(installation)}, ${limits.join(", ")}.`,
      "Send it as 'Authorization: Bearer <token>'. It is shown this once and stored only as a hash:",
      token,
    ].join("\n");
  }
  if (args.action === "list") {
    const installation = args.installation === undefined ? null : await resolveInstallation(db, args.installation);
    const tokens = await listApiTokens(db, installation?.id ?? null);
    if (tokens.length === 0) return installation ? `no tokens for ${installationLabel(installation)}` : "no tokens";
    return ["id\tinstallation\tname\tcreated\tstatus\texpires\trepositories", ...tokens.map((token) => describe(token, now))].join("\n");
  }
  const revoked = await revokeApiToken(db, args.id, now);
  if (!revoked) throw new UsageError(`token ${args.id} does not exist (see token list)`);
  const { token, revokedNow } = revoked;
  if (!revokedNow)
    return `token ${token.id} of installation ${token.installationId} was already revoked (${token.revokedAt?.toISOString()})`;
  return `token ${token.id} of installation ${token.installationId} revoked: requests with it are refused from now on`;
}

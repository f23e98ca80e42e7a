import { z } from "zod";
import type { Db } from "../db/types.js";
import { createApiToken } from "../api/tokens.js";
import type { ApiToken } from "../queries/api-tokens.js";
import { listApiTokens, revokeApiToken } from "../queries/api-tokens.js";
import { parseCommand, UsageError } from "./args.js";
import { installationLabel, installationName, resolveInstallation } from "./resolve-installation.js";

const createArgs = z.object({
  installation: installationName,
  name: z.string().trim().min(1, { message: "must not be empty" }).max(100, { message: "is too long (at most 100 characters)" }).optional(),
});
const listArgs = z.object({ installation: installationName.optional() });

export type TokenArgs =
  ({ action: "create" } & z.infer<typeof createArgs>) | ({ action: "list" } & z.infer<typeof listArgs>) | { action: "revoke"; id: number };

/** `token create --installation <id|login> [--name <label>]`, `token list [--installation ...]`, `token revoke <id>`. */
export function parseTokenArgs(args: string[]): TokenArgs {
  const [action, ...rest] = args;
  if (action === "create")
    return { action, ...parseCommand(rest, { installation: { type: "string" }, name: { type: "string" } }, createArgs) };
  if (action === "list") return { action, ...parseCommand(rest, { installation: { type: "string" } }, listArgs) };
  if (action === "revoke") {
    const [id, ...extra] = rest;
    if (id === undefined || !/^\d{1,15}$/.test(id) || extra.length > 0)
      throw new UsageError("token revoke takes one token id (see token list)");
    return { action, id: Number(id) };
  }
  throw new UsageError(action === undefined ? "token needs create, list or revoke" : `token ${action}: not create, list or revoke`);
}

function describe(token: ApiToken): string {
  const status = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : "live";
  return `${token.id}\tinstallation ${token.installationId}\t${token.name ?? "-"}\tcreated ${token.createdAt.toISOString()}\t${status}`;
}

/**
 * `token create` makes a token of one installation and prints it alone on the last line, the only
 * time it is shown (only its hash is stored). `token list` prints the tokens without them;
 * `token revoke` refuses a token from now on.
 */
export async function tokenCommand(db: Db, args: TokenArgs, now: Date): Promise<string> {
  if (args.action === "create") {
    const installation = await resolveInstallation(db, args.installation);
    const { token, stored } = await createApiToken(db, installation.id, args.name ?? null, now);
    return [
      `token ${stored.id}${stored.name ? ` "${stored.name}"` : ""} created for ${installationLabel(installation)}.`,
      "Send it as 'Authorization: Bearer <token>'. It is shown this once and stored only as a hash:",
      token,
    ].join("\n");
  }
  if (args.action === "list") {
    const installation = args.installation === undefined ? null : await resolveInstallation(db, args.installation);
    const tokens = await listApiTokens(db, installation?.id ?? null);
    if (tokens.length === 0) return installation ? `no tokens for ${installationLabel(installation)}` : "no tokens";
    return ["id\tinstallation\tname\tcreated\tstatus", ...tokens.map(describe)].join("\n");
  }
  const revoked = await revokeApiToken(db, args.id, now);
  if (!revoked) throw new UsageError(`token ${args.id} does not exist (see token list)`);
  const { token, revokedNow } = revoked;
  if (!revokedNow)
    return `token ${token.id} of installation ${token.installationId} was already revoked (${token.revokedAt?.toISOString()})`;
  return `token ${token.id} of installation ${token.installationId} revoked: requests with it are refused from now on`;
}

import { z } from "zod";
import type { Db } from "../db/types.js";
import { deskIdentity } from "../feedback/desk-identity.js";
import { githubUserSeen, linkIdentity, listIdentityLinks, unlinkIdentity } from "../queries/identity-links.js";
import { parseCommand, requiredText, UsageError } from "./args.js";
import { installationLabel, installationName, resolveInstallation } from "./resolve-installation.js";

const identity = deskIdentity(requiredText());
const login = requiredText().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { message: "must be a GitHub login" });

const linkArgs = z.object({ installation: installationName, identity, login });
const unlinkArgs = z.object({ installation: installationName, identity });
const listArgs = z.object({ installation: installationName });

export type IdentityArgs =
  | ({ action: "link" } & z.infer<typeof linkArgs>)
  | ({ action: "unlink" } & z.infer<typeof unlinkArgs>)
  | ({ action: "list" } & z.infer<typeof listArgs>);

const text = { type: "string" } as const;

/** `identity link|unlink|list --installation <id|login> [--identity <desk identity>] [--login <github login>]`. */
export function parseIdentityArgs(args: string[]): IdentityArgs {
  const [action, ...rest] = args;
  if (action === "link") return { action, ...parseCommand(rest, { installation: text, identity: text, login: text }, linkArgs) };
  if (action === "unlink") return { action, ...parseCommand(rest, { installation: text, identity: text }, unlinkArgs) };
  if (action === "list") return { action, ...parseCommand(rest, { installation: text }, listArgs) };
  throw new UsageError(action === undefined ? "identity needs link, unlink or list" : `identity ${action}: not link, unlink or list`);
}

/**
 * `identity link` says that a desk identity is a GitHub user the installation has seen (as an issue's
 * reporter or first responder): their experiences then count as one person across channels.
 * `identity unlink` undoes it; `identity list` shows the installation's links.
 */
export async function identityCommand(db: Db, args: IdentityArgs, now: Date): Promise<string> {
  const installation = await resolveInstallation(db, args.installation);
  const name = installationLabel(installation);
  if (args.action === "link") {
    const user = await githubUserSeen(db, installation.id, args.login);
    if (!user) throw new UsageError(`--login ${args.login} was never seen in ${name} (as an issue's reporter or first responder)`);
    const replaced = await linkIdentity(
      db,
      installation.id,
      { deskIdentity: args.identity, githubUserId: user.id, githubLogin: user.login },
      now,
    );
    return `${replaced ? "relinked" : "linked"} ${args.identity} to ${user.login} (user ${user.id}) in ${name}: counted as one person from now on`;
  }
  if (args.action === "unlink") {
    return (await unlinkIdentity(db, installation.id, args.identity))
      ? `unlinked ${args.identity} in ${name}: counted as a person of its own from now on`
      : `${args.identity} was not linked in ${name}: nothing to unlink`;
  }
  const links = await listIdentityLinks(db, installation.id);
  if (links.length === 0) return `no identity links in ${name}`;
  return links
    .map((link) => `${link.deskIdentity}\t${link.githubLogin} (user ${link.githubUserId})\tlinked ${link.linkedAt.toISOString()}`)
    .join("\n");
}

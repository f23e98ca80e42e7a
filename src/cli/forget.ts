import { z } from "zod";
import type { Db } from "../db/types.js";
import { deskIdentity } from "../feedback/desk-identity.js";
import { deleteDeskIdentity } from "../queries/desk-experiences.js";
import { parseCommand, requiredText } from "./args.js";
import { installationLabel, installationName, resolveInstallation } from "./resolve-installation.js";

const forgetArgs = z.object({
  installation: installationName,
  reporter: deskIdentity(requiredText()),
});

export function parseForgetArgs(args: string[]) {
  return parseCommand(args, { installation: { type: "string" }, reporter: { type: "string" } }, forgetArgs);
}

/**
 * `forget --installation <id|login> --reporter <identity>`: a desk's reporter asked to be forgotten.
 * Deletes the experiences recorded under that identity (any case) with their comments and urls, and
 * its link to a GitHub user, in one transaction. The identity is not printed back.
 */
export async function forgetCommand(db: Db, args: ReturnType<typeof parseForgetArgs>): Promise<string> {
  const installation = await resolveInstallation(db, args.installation);
  const done = await db.transaction((tx) => deleteDeskIdentity(tx, installation.id, args.reporter));
  return `forgot that reporter in ${installationLabel(installation)}: ${done.experiences} experiences deleted (with their comments), ${done.links} identity links deleted`;
}

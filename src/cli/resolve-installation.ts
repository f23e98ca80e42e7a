import type { Queryable } from "../db/types.js";
import type { NamedInstallation } from "../queries/installations.js";
import { installationsNamed } from "../queries/installations.js";
import { requiredText, UsageError } from "./args.js";

/** `--installation`: an installation id or its account's login. */
export const installationName = requiredText().regex(/^[\w.-]{1,100}$/, { message: "must be an installation id or account login" });

/** The one installation `--installation` names, or a usage error saying why not (none, or several: give the id). */
export async function resolveInstallation(db: Queryable, name: string): Promise<NamedInstallation> {
  const found = await installationsNamed(db, name);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0) throw new UsageError(`--installation ${name} is not an installation the app has`);
  throw new UsageError(`--installation ${name} names installations ${found.map((one) => one.id).join(", ")}: give the id`);
}

/** How the CLI names an installation in what it prints: `installation 42 (octo)`. */
export function installationLabel(installation: NamedInstallation): string {
  return `installation ${installation.id}${installation.login ? ` (${installation.login})` : ""}`;
}

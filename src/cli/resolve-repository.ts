import type { Queryable } from "../db/types.js";
import type { StoredRepository } from "../queries/repositories.js";
import { findRepositoriesByName } from "../queries/repositories.js";
import { UsageError } from "./args.js";

/**
 * The one stored repository `--repo` names (within `--installation` when given). Two installations
 * can hold repositories of the same name (another GitHub host's, a transferred one): then the
 * command refuses to guess and names the installations to choose from.
 */
export async function resolveRepository(db: Queryable, fullName: string, installationId: number | undefined): Promise<StoredRepository> {
  const matches = await findRepositoriesByName(db, fullName, installationId);
  const [repository] = matches;
  if (!repository) throw new UsageError(`--repo ${fullName} is not a repository the app has seen`);
  if (matches.length > 1) {
    const ids = matches.map((match) => match.installationId).join(", ");
    throw new UsageError(`--repo ${fullName} is in several installations (${ids}): add --installation <id>`);
  }
  return repository;
}

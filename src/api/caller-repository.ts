import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Queryable } from "../db/types.js";
import type { TokenRepository } from "../queries/api-repositories.js";
import { repositoryForToken } from "../queries/api-repositories.js";
import type { StoredRepository } from "../queries/repositories.js";
import type { Caller } from "./authenticate.js";
import { sendError } from "./respond.js";

/** The one answer for a repository the caller may not see: whether it exists elsewhere is not told. */
export const REPOSITORY_NOT_FOUND = "Repository not found";

/** Why the token may not see the repository (for the log only), or null when it may. */
function refusal(found: TokenRepository | null): string | null {
  if (!found) return "unknown";
  if (found.removed) return "removed";
  if (found.suspended) return "installation suspended";
  return found.inScope ? null : "outside the token's repositories";
}

/**
 * The repository of the caller's installation with that name, or null once answered 404: the same
 * answer, byte for byte, for a repository of another installation, one the app never saw, one
 * removed from the installation, any repository of a suspended installation, and one outside the
 * token's repositories. Only the log tells them apart.
 */
export async function callerRepository(
  db: Queryable,
  log: Logger,
  res: ServerResponse,
  caller: Caller,
  fullName: string,
  path: string,
): Promise<StoredRepository | null> {
  const found = await repositoryForToken(db, caller, fullName);
  const reason = refusal(found);
  if (found && reason === null) {
    const { installationId, id, fullName: name, private: isPrivate } = found;
    return { installationId, id, fullName: name, private: isPrivate };
  }
  log.warn({ path, installationId: caller.installationId, tokenId: caller.tokenId, reason }, "api request refused: repository not found");
  sendError(res, 404, REPOSITORY_NOT_FOUND);
  return null;
}

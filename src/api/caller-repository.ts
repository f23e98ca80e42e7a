import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Queryable } from "../db/types.js";
import type { StoredRepository } from "../queries/repositories.js";
import { findRepositoriesByName } from "../queries/repositories.js";
import type { Caller } from "./authenticate.js";
import { sendError } from "./respond.js";

/** The one answer for a repository the caller may not see: whether it exists elsewhere is not told. */
export const REPOSITORY_NOT_FOUND = "Repository not found";

/**
 * The repository of the caller's installation with that name, or null once answered 404: the same
 * answer, byte for byte, for a repository of another installation and for one the app never saw.
 */
export async function callerRepository(
  db: Queryable,
  log: Logger,
  res: ServerResponse,
  caller: Caller,
  fullName: string,
  path: string,
): Promise<StoredRepository | null> {
  const [repository] = await findRepositoriesByName(db, fullName, caller.installationId);
  if (repository) return repository;
  log.warn({ path, installationId: caller.installationId, tokenId: caller.tokenId }, "api request refused: repository not found");
  sendError(res, 404, REPOSITORY_NOT_FOUND);
  return null;
}

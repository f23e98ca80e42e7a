import type { Queryable } from "../db/types.js";
import { upsertInstallation } from "../queries/installations.js";
import type { RepositoryRecord } from "../queries/repositories.js";
import { upsertRepository } from "../queries/repositories.js";

/** Makes sure the installation and repository an event comes from are stored (events may come first). */
export async function recordRepository(tx: Queryable, installationId: number, repository: RepositoryRecord): Promise<void> {
  await upsertInstallation(tx, { id: installationId });
  await upsertRepository(tx, installationId, repository);
}

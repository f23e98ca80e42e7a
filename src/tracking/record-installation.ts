import type { Queryable } from "../db/types.js";
import type { z } from "zod";
import type { installationEventSchema } from "../payloads.js";
import { upsertInstallation } from "../queries/installations.js";
import { upsertRepository } from "../queries/repositories.js";

type InstallationEvent = z.infer<typeof installationEventSchema>;

/** Stores an installation with its account and, when the payload lists them, its repositories. */
export async function recordInstallation(tx: Queryable, event: InstallationEvent): Promise<void> {
  const { installation } = event;
  await upsertInstallation(tx, {
    id: installation.id,
    accountLogin: installation.account?.login,
    accountType: installation.account?.type,
  });
  for (const repository of event.repositories ?? []) await upsertRepository(tx, installation.id, repository, { reinstate: true });
}

import { storedConfigFor } from "../config/repository-config.js";
import type { Queryable } from "../db/types.js";
import type { PushEvent } from "../payloads.js";
import type { WorkRef } from "../queries/work.js";
import { enqueueWork } from "../queries/work.js";
import { REFRESH_FAQ } from "./faq-work.js";

/** Every file a push added, changed or removed. */
export function pushedPaths(event: PushEvent): Set<string> {
  return new Set(event.commits.flatMap((commit) => [...commit.added, ...commit.modified, ...commit.removed]));
}

/**
 * In a repository whose stored configuration has the knowledge base on, a push to the default
 * branch that changes the configuration (the FAQ files, the language, or the knowledge base switched
 * off) or touches a FAQ file it names queues the FAQ's refresh with the delivery. A repository that
 * switches it on reads its FAQ when its first answer needs it.
 */
export async function queueFaqRefresh(tx: Queryable, event: PushEvent, configChanged: boolean, at: Date): Promise<WorkRef | null> {
  if (event.deleted || event.ref !== `refs/heads/${event.repository.default_branch}`) return null;
  const installationId = event.installation.id;
  const repositoryId = event.repository.id;
  const { knowledge_base: knowledgeBase } = (await storedConfigFor(tx, { installationId, repositoryId })).config;
  if (!knowledgeBase.enabled) return null;
  const paths = pushedPaths(event);
  if (!configChanged && !knowledgeBase.faq.some((path) => paths.has(path))) return null;
  const ref = { installationId, kind: REFRESH_FAQ, key: String(repositoryId) };
  await enqueueWork(tx, { ...ref, repositoryId, runAt: at });
  return ref;
}

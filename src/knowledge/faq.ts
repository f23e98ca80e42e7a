import type { Logger } from "pino";
import type { KnowledgeBaseConfig } from "../config/knowledge-base-schema.js";
import type { Db } from "../db/types.js";
import { readRepositoryFile } from "../github/faq-files.js";
import type { Octokit } from "../github/octokit.js";
import type { RepositoryRef } from "../queries/knowledge-documents.js";
import { faqLoadOf, replaceFaqSections } from "../queries/knowledge-documents.js";
import { splitFaq } from "./faq-sections.js";

export type KnowledgeRepository = RepositoryRef & { fullName: string };

/**
 * Reads the configured FAQ files on the default branch (contents API), splits them by heading and
 * replaces the repository's stored sections with them, in one transaction. A file that is not there
 * gives no section. Returns how many sections are stored.
 */
export async function loadFaq(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  repository: KnowledgeRepository,
  config: KnowledgeBaseConfig,
  at: Date,
): Promise<number> {
  const files: { path: string; sections: ReturnType<typeof splitFaq> }[] = [];
  for (const path of config.faq) {
    const text = await readRepositoryFile(octokit, repository.fullName, path);
    if (text === null)
      deps.log.warn({ installationId: repository.installationId, repositoryId: repository.repositoryId }, "FAQ file not found");
    files.push({ path, sections: text === null ? [] : splitFaq(path, text) });
  }
  await deps.db.transaction((tx) => replaceFaqSections(tx, repository, files, { paths: config.faq, language: config.language, at }));
  const sections = files.reduce((sum, file) => sum + file.sections.length, 0);
  deps.log.info({ installationId: repository.installationId, repositoryId: repository.repositoryId, sections }, "FAQ loaded");
  return sections;
}

/** Loads the FAQ when it never was, or was read from other files than the configuration names now. */
export async function ensureFaqLoaded(
  deps: { db: Db; log: Logger },
  octokit: Octokit,
  repository: KnowledgeRepository,
  config: KnowledgeBaseConfig,
  at: Date,
): Promise<void> {
  const loaded = await faqLoadOf(deps.db, repository);
  if (loaded !== null && loaded.join("\n") === config.faq.join("\n")) return;
  await loadFaq(deps, octokit, repository, config, at);
}

import { configFor } from "../config/repository-config.js";
import { alignLanguage, deleteRepositoryKnowledge } from "../queries/knowledge-documents.js";
import { repositoryById } from "../queries/summary-candidates.js";
import type { WorkKind } from "../work/kind.js";
import { done } from "../work/kind.js";
import { loadFaq } from "./faq.js";

/** The work kind that reads a repository's FAQ again (a push touched it, or the configuration changed). */
export const REFRESH_FAQ = "knowledge.faq";

/**
 * Reads the repository's configuration and FAQ files again and replaces its sections; with the
 * knowledge base switched off, deletes the text it kept (FAQ sections and closed issues).
 */
export const refreshFaq: WorkKind = {
  name: REFRESH_FAQ,
  maxAttempts: 8,
  finalStatuses: [403, 404, 410, 451],
  async handle({ db, log, octokit, now }, item) {
    const found = await repositoryById(db, item.installationId, Number(item.key));
    if (!found) return done("gone");
    const repository = { installationId: found.installationId, repositoryId: found.id, fullName: found.fullName };
    const { config } = await configFor({ db, log }, octokit, repository);
    if (!config.enabled || !config.knowledge_base.enabled) {
      const deleted = await db.transaction((tx) => deleteRepositoryKnowledge(tx, repository));
      log.info(
        { installationId: repository.installationId, repositoryId: repository.repositoryId, deleted },
        "knowledge base off; its text deleted",
      );
      return done("switched_off");
    }
    await loadFaq({ db, log }, octokit, repository, config.knowledge_base, now);
    await alignLanguage(db, repository, config.knowledge_base.language);
    return done("refreshed");
  },
};

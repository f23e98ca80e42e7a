import type { Queryable } from "../db/types.js";
import type { IssueKey } from "./issues.js";

/** A repository of an installation: every statement below is scoped by both. */
export type RepositoryRef = { installationId: number; repositoryId: number };

/** One section of a FAQ file, as split by heading. */
export type FaqSection = { anchor: string | null; title: string; body: string };

/**
 * Keeps the search text of a closed support issue (title and bounded body from the payload), in the
 * repository's language; a later close replaces it.
 */
export async function storeIssueDocument(
  tx: Queryable,
  key: IssueKey,
  document: { title: string; body: string; language: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO knowledge_documents (installation_id, repository_id, source, issue_number, title, body, language, stored_at)
     VALUES ($1, $2, 'issue', $3, $4, $5, $6::regconfig, $7)
     ON CONFLICT (installation_id, repository_id, issue_number) WHERE source = 'issue'
     DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, language = EXCLUDED.language, stored_at = EXCLUDED.stored_at`,
    [key.installationId, key.repositoryId, key.number, document.title, document.body, document.language, document.at],
  );
}

/**
 * An edited issue's search text becomes what it says now: a detail redacted after the close is
 * quoted no more. Nothing is stored for an issue that had no search document.
 */
export async function editIssueDocument(tx: Queryable, key: IssueKey, text: { title: string; body: string }): Promise<void> {
  await tx.query(
    `UPDATE knowledge_documents SET title = $4, body = $5
     WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3 AND source = 'issue'`,
    [key.installationId, key.repositoryId, key.number, text.title, text.body],
  );
}

/** A transferred issue is quoted no more: its text would otherwise follow it to another repository. */
export async function deleteIssueDocument(tx: Queryable, key: IssueKey): Promise<void> {
  await tx.query(
    "DELETE FROM knowledge_documents WHERE installation_id = $1 AND repository_id = $2 AND issue_number = $3 AND source = 'issue'",
    [key.installationId, key.repositoryId, key.number],
  );
}

/** Replaces the repository's FAQ sections with those of `files` (a file left out of the list loses its sections), and records the load. */
export async function replaceFaqSections(
  tx: Queryable,
  ref: RepositoryRef,
  files: { path: string; sections: FaqSection[] }[],
  load: { paths: string[]; language: string; at: Date },
): Promise<void> {
  await tx.query("DELETE FROM knowledge_documents WHERE installation_id = $1 AND repository_id = $2 AND source = 'faq'", [
    ref.installationId,
    ref.repositoryId,
  ]);
  for (const file of files) {
    await tx.query(
      `INSERT INTO knowledge_documents (installation_id, repository_id, source, path, anchor, position, title, body, language, stored_at)
       SELECT $1, $2, 'faq', $3, s.anchor, s.position, s.title, s.body, $4::regconfig, $5
       FROM jsonb_to_recordset($6::jsonb) AS s(anchor text, position integer, title text, body text)`,
      [
        ref.installationId,
        ref.repositoryId,
        file.path,
        load.language,
        load.at,
        JSON.stringify(file.sections.map((s, position) => ({ ...s, position }))),
      ],
    );
  }
  await tx.query(
    `INSERT INTO knowledge_faq_loads (installation_id, repository_id, paths, loaded_at) VALUES ($1, $2, $3::text[], $4)
     ON CONFLICT (installation_id, repository_id) DO UPDATE SET paths = EXCLUDED.paths, loaded_at = EXCLUDED.loaded_at`,
    [ref.installationId, ref.repositoryId, load.paths, load.at],
  );
}

/** The FAQ files the repository's sections were last read from; null when they never were. */
export async function faqLoadOf(db: Queryable, ref: RepositoryRef): Promise<string[] | null> {
  const { rows } = await db.query<{ paths: string[] }>(
    "SELECT paths FROM knowledge_faq_loads WHERE installation_id = $1 AND repository_id = $2",
    [ref.installationId, ref.repositoryId],
  );
  return rows[0]?.paths ?? null;
}

/** Puts every document of the repository in `language`: PostgreSQL recomputes their search vectors. */
export async function alignLanguage(db: Queryable, ref: RepositoryRef, language: string): Promise<number> {
  const result = await db.query(
    "UPDATE knowledge_documents SET language = $3::regconfig WHERE installation_id = $1 AND repository_id = $2 AND language <> $3::regconfig",
    [ref.installationId, ref.repositoryId, language],
  );
  return result.rowCount;
}

/** The knowledge base switched off: the repository's stored text (issues and FAQ) goes. */
export async function deleteRepositoryKnowledge(tx: Queryable, ref: RepositoryRef): Promise<number> {
  const result = await tx.query("DELETE FROM knowledge_documents WHERE installation_id = $1 AND repository_id = $2", [
    ref.installationId,
    ref.repositoryId,
  ]);
  await tx.query("DELETE FROM knowledge_faq_loads WHERE installation_id = $1 AND repository_id = $2", [
    ref.installationId,
    ref.repositoryId,
  ]);
  return result.rowCount;
}

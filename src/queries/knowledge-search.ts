import type { Queryable } from "../db/types.js";
import type { RepositoryRef } from "./knowledge-documents.js";

/** A document that matched: what to link, how well it matched, and a line of it. */
export type KnowledgeMatch = {
  /** `issue:12` or `faq:docs/FAQ.md#anchor`: what a rejection remembers. */
  linkKey: string;
  source: "issue" | "faq";
  issueNumber: number | null;
  path: string | null;
  anchor: string | null;
  title: string;
  score: number;
  excerpt: string;
};

export type KnowledgeQuery = RepositoryRef & {
  /** The new issue itself: never linked. */
  issueNumber: number;
  lexemes: readonly string[];
  queryKey: string;
  language: string;
  minScore: number;
  limit: number;
};

// The lexemes as an OR query, each quoted for tsquery input (which does not normalise them again).
const OR_QUERY = `(SELECT string_agg('''' || replace(replace(l, '\\', '\\\\'), '''', '''''') || '''', ' | ')
  FROM unnest($4::text[]) AS l)::tsquery`;

const LINK_KEY = `CASE d.source WHEN 'issue' THEN 'issue:' || d.issue_number ELSE 'faq:' || d.path || '#' || coalesce(d.anchor, '') END`;

// An earlier issue is linked only while it is closed and the reporter's last known answer on it was positive.
const RESOLVED_WELL = `d.source = 'faq' OR (d.issue_number <> $3
  AND EXISTS (SELECT 1 FROM issues i WHERE i.installation_id = d.installation_id AND i.repository_id = d.repository_id
    AND i.number = d.issue_number AND i.state = 'closed')
  AND (SELECT e.outcome FROM experiences e WHERE e.installation_id = d.installation_id AND e.repository_id = d.repository_id
    AND e.issue_number = d.issue_number AND e.outcome <> 'pending' ORDER BY e.closed_at DESC, e.id DESC LIMIT 1) = 'positive')`;

/**
 * The repository's best documents for a query (its lexemes ORed), ranked by `ts_rank` with length
 * normalisation (title weighted A, body B), at least `minScore`, without a link rejected for the same
 * query key; a one-line excerpt of each from `ts_headline`. Same SQL on PostgreSQL and PGlite.
 */
export async function searchKnowledge(db: Queryable, query: KnowledgeQuery): Promise<KnowledgeMatch[]> {
  if (query.lexemes.length === 0) return [];
  const { rows } = await db.query<KnowledgeMatch>(
    `WITH q AS (SELECT ${OR_QUERY} AS query),
     ranked AS (
       SELECT d.*, ${LINK_KEY} AS link_key, ts_rank(d.search, q.query, 1) AS score, q.query
       FROM knowledge_documents d, q
       WHERE d.installation_id = $1 AND d.repository_id = $2 AND d.search @@ q.query AND (${RESOLVED_WELL})
         AND ts_rank(d.search, q.query, 1) >= $6
         AND NOT EXISTS (SELECT 1 FROM knowledge_rejections r WHERE r.installation_id = $1 AND r.repository_id = $2
           AND r.query_key = $5 AND r.link_key = ${LINK_KEY})
       ORDER BY score DESC, d.id LIMIT $7)
     SELECT link_key AS "linkKey", source, issue_number AS "issueNumber", path, anchor, title, score::float8 AS score,
       ts_headline(language, body, query, 'MaxFragments=1, MaxWords=20, MinWords=8, StartSel="", StopSel=""') AS excerpt
     FROM ranked ORDER BY score DESC, id`,
    [query.installationId, query.repositoryId, query.issueNumber, query.lexemes, query.queryKey, query.minScore, query.limit],
  );
  return rows;
}

/** The lexemes of a text in a language, sorted, and the key of that query (a SHA-256 of them). */
export async function queryLexemes(db: Queryable, language: string, text: string): Promise<{ lexemes: string[]; queryKey: string }> {
  const { rows } = await db.query<{ lexemes: string[]; queryKey: string }>(
    `WITH l AS (SELECT ARRAY(SELECT x FROM unnest(tsvector_to_array(to_tsvector($1::regconfig, $2))) AS x ORDER BY x COLLATE "C") AS lexemes)
     SELECT lexemes, encode(sha256(convert_to(array_to_string(lexemes, ' '), 'UTF8')), 'hex') AS "queryKey" FROM l`,
    [language, text],
  );
  return rows[0] ?? { lexemes: [], queryKey: "" };
}

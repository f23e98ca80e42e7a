-- Knowledge-base answers (`knowledge_base` in satisfaction.yml): what a repository already knows,
-- searched with PostgreSQL full-text search when someone outside the team opens an issue, and the one
-- answer comment per issue, held to account by the reporter's reaction.

-- What can be searched: a closed support issue (its title and body from the close's payload, bounded)
-- or a section of a FAQ document (split by heading). `search` is computed from the text in the
-- repository's configured language (a text-search configuration), title weighted A, body B: a change of
-- language updates `language` and PostgreSQL recomputes it.
CREATE TABLE knowledge_documents (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  source          text NOT NULL CHECK (source IN ('issue', 'faq')),
  -- an issue's number (source issue); the FAQ file, the section's anchor and its order (source faq)
  issue_number    integer,
  path            text,
  anchor          text,
  position        integer,
  title           text NOT NULL,
  body            text NOT NULL,
  language        regconfig NOT NULL,
  search          tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector(language, title), 'A') || setweight(to_tsvector(language, body), 'B')) STORED,
  stored_at       timestamptz NOT NULL,
  CHECK ((source = 'issue') = (issue_number IS NOT NULL) AND (source = 'faq') = (path IS NOT NULL)),
  FOREIGN KEY (installation_id, repository_id) REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- an issue deleted (or its history forgotten) takes its text with it
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX knowledge_documents_issue ON knowledge_documents (installation_id, repository_id, issue_number)
  WHERE source = 'issue';
CREATE INDEX knowledge_documents_faq ON knowledge_documents (installation_id, repository_id, path) WHERE source = 'faq';
CREATE INDEX knowledge_documents_search ON knowledge_documents USING gin (search);

-- Which FAQ files a repository's sections were read from, and when: read again on a push that touches
-- one, when the configured list changes, and the first time an answer needs them.
CREATE TABLE knowledge_faq_loads (
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  paths           text[] NOT NULL,
  loaded_at       timestamptz NOT NULL,
  PRIMARY KEY (installation_id, repository_id),
  FOREIGN KEY (installation_id, repository_id) REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);

-- One per issue opened by someone outside the team in a repository with the knowledge base on: never a
-- second answer on an issue. The query's lexemes live here only until the search ran; its key (a hash
-- of the sorted lexemes) stays, to remember a rejected link for the same query.
CREATE TABLE knowledge_answers (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  issue_number    integer NOT NULL,
  reporter_id     bigint NOT NULL,
  status          text NOT NULL CHECK (status IN ('to_post', 'posted', 'no_match', 'skipped', 'cancelled', 'failed', 'ended')),
  query_lexemes   text[],
  query_key       text NOT NULL,
  -- what was linked: [{ "key": "issue:12" | "faq:docs/FAQ.md#anchor", ... }]
  links           jsonb NOT NULL DEFAULT '[]',
  comment_id      bigint,
  comment_node_id text,
  posted_at       timestamptz,
  window_ends_at  timestamptz,
  reactions_etag  text,
  poll_count      integer NOT NULL DEFAULT 0,
  rating          text CHECK (rating IN ('helpful', 'not_helpful', 'unrated', 'comment_deleted')),
  rated_at        timestamptz,
  minimized_at    timestamptz,
  created_at      timestamptz NOT NULL,
  UNIQUE (installation_id, repository_id, issue_number),
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX knowledge_answers_comment ON knowledge_answers (installation_id, comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX knowledge_answers_reporter ON knowledge_answers (installation_id, reporter_id);
CREATE INDEX knowledge_answers_posted ON knowledge_answers (installation_id, repository_id, posted_at) WHERE posted_at IS NOT NULL;

-- A link the reporter rejected (👎) for a query: not offered again for the same query key. It goes with
-- the answer it was rejected on.
CREATE TABLE knowledge_rejections (
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  query_key       text NOT NULL,
  link_key        text NOT NULL,
  answer_id       bigint NOT NULL REFERENCES knowledge_answers (id) ON DELETE CASCADE,
  rejected_at     timestamptz NOT NULL,
  PRIMARY KEY (installation_id, repository_id, query_key, link_key)
);
CREATE INDEX knowledge_rejections_answer ON knowledge_rejections (answer_id);

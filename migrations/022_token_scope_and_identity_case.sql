-- Feedback-API tokens limited to named repositories, and tokens that expire (issue 18).
-- A token with `scoped` sees only the repositories listed for it below, by id, so a rename keeps its
-- scope; a scoped token whose repositories are all gone sees none, never the whole installation.
-- `expires_at` NULL: the token does not expire. Tokens made before this migration see every repository.
ALTER TABLE api_tokens
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN scoped boolean NOT NULL DEFAULT false;

CREATE TABLE api_token_repositories (
  token_id        bigint NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  PRIMARY KEY (token_id, repository_id),
  FOREIGN KEY (installation_id, repository_id) REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX api_token_repositories_repository ON api_token_repositories (installation_id, repository_id);

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

-- Desk identities are one person in any case (docs/privacy.md): the API and the command line store
-- and compare them in lower case from now on, so "Ann@x.com" and "ann@x.com" count once and are
-- forgotten together. The rows stored before are brought to lower case here.
UPDATE experiences SET desk_identity = lower(desk_identity)
WHERE desk_identity IS NOT NULL AND desk_identity <> lower(desk_identity);

-- Links of one identity in several cases: the latest stays (the operator's last word), then it is lowered.
DELETE FROM identity_links old USING identity_links newer
WHERE newer.installation_id = old.installation_id AND lower(newer.desk_identity) = lower(old.desk_identity)
  AND (newer.linked_at, newer.desk_identity) > (old.linked_at, old.desk_identity);
UPDATE identity_links SET desk_identity = lower(desk_identity) WHERE desk_identity <> lower(desk_identity);

-- Every support channel in one model: GitHub issues, GitHub Discussions, and the desks (email, chat, …)
-- that report experiences through the feedback API.

-- A discussion is kept beside the issues, marked by its channel. GitHub numbers a repository's issues,
-- pull requests and discussions from one sequence, so (installation, repository, number) stays a key,
-- and opening time, first response, reporter and repeat usage are read the same way for both.
-- node_id is the GraphQL id a discussion is commented on by.
ALTER TABLE issues
  ADD COLUMN channel text NOT NULL DEFAULT 'issues' CHECK (channel IN ('issues', 'discussions')),
  ADD COLUMN node_id text;

-- A survey on a discussion is a discussion comment: its reactions are read through GraphQL by this id.
ALTER TABLE surveys ADD COLUMN comment_node_id text;

-- An experience from a desk has no issue and no survey: its reporter is the identity the desk knows them
-- by (desk_identity), its close is the time the desk gives. url and comment are the desk's own (the
-- comment is a person's words, deleted with the experience). A retried POST carries the same
-- idempotency key and finds the experience it recorded.
ALTER TABLE experiences
  ADD COLUMN channel text NOT NULL DEFAULT 'issues' CHECK (channel ~ '^[a-z][a-z0-9_-]{0,31}$'),
  ALTER COLUMN issue_number DROP NOT NULL,
  ALTER COLUMN survey_id DROP NOT NULL,
  ALTER COLUMN reporter_id DROP NOT NULL,
  ADD COLUMN desk_identity text,
  ADD COLUMN url text,
  ADD COLUMN comment text,
  ADD COLUMN idempotency_key text,
  ADD COLUMN received_at timestamptz,
  ADD CONSTRAINT experiences_source CHECK (
    (issue_number IS NOT NULL AND survey_id IS NOT NULL AND reporter_id IS NOT NULL AND desk_identity IS NULL
      AND channel IN ('issues', 'discussions'))
    OR (issue_number IS NULL AND survey_id IS NULL AND reporter_id IS NULL AND desk_identity IS NOT NULL
      AND channel NOT IN ('issues', 'discussions'))),
  -- a desk's experience has no issue to cascade from: it goes with its repository
  ADD CONSTRAINT experiences_repository FOREIGN KEY (installation_id, repository_id)
    REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE;
CREATE UNIQUE INDEX experiences_idempotency ON experiences (installation_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX experiences_desk_identity ON experiences (installation_id, desk_identity) WHERE desk_identity IS NOT NULL;
CREATE INDEX experiences_desk_window ON experiences (installation_id, repository_id, closed_at) WHERE desk_identity IS NOT NULL;

-- The operator's statement that a desk identity is a GitHub user (`satisfaction-bot identity link`):
-- that person's experiences then count once across channels. Optional; without it a desk identity is
-- its own person.
CREATE TABLE identity_links (
  installation_id bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  desk_identity   text NOT NULL,
  github_user_id  bigint NOT NULL,
  github_login    text NOT NULL,
  linked_at       timestamptz NOT NULL,
  PRIMARY KEY (installation_id, desk_identity)
);
CREATE INDEX identity_links_user ON identity_links (installation_id, github_user_id);

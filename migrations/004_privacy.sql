-- Privacy: the people who asked to be forgotten (`/satisfaction forget-me`), the first responder's id
-- (so forgetting finds a person after a rename), and the indexes the retention sweep deletes by.

-- One row per person who left an installation. Only their GitHub user id is kept, never a login:
-- it is what stops a later close from asking them again and keeps new issues of theirs anonymous.
-- Uninstalling the app deletes these rows with everything else of the installation.
CREATE TABLE opt_outs (
  installation_id         bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  user_id                 bigint NOT NULL,
  -- the forget-me comment's time, from the payload
  opted_out_at            timestamptz NOT NULL,
  -- the one reply that confirmed it, posted after the opt-out was committed (NULL: not posted)
  confirmation_comment_id bigint,
  confirmed_at            timestamptz,
  PRIMARY KEY (installation_id, user_id)
);

-- Who gave an issue its first response, by GitHub user id as well as login.
ALTER TABLE issues ADD COLUMN first_responder_id bigint;
CREATE INDEX issues_first_responder ON issues (installation_id, first_responder_id);
CREATE INDEX surveys_reporter ON surveys (installation_id, reporter_id);

-- Retention deletes by close time, across installations.
CREATE INDEX experiences_closed_at ON experiences (closed_at);
CREATE INDEX surveys_closed_at ON surveys (closed_at);

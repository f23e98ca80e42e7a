-- The core loop: installations, their repositories, the issues seen, surveys, experiences,
-- and the deliveries already processed. Every row belongs to one installation.

CREATE TABLE installations (
  id            bigint PRIMARY KEY,
  account_login text,
  account_type  text,
  suspended_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE repositories (
  installation_id bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  id              bigint NOT NULL,
  full_name       text NOT NULL,
  private         boolean NOT NULL DEFAULT true,
  removed_at      timestamptz,
  PRIMARY KEY (installation_id, id)
);
CREATE INDEX repositories_full_name ON repositories (installation_id, lower(full_name));
CREATE INDEX repositories_by_name ON repositories (lower(full_name));

CREATE TABLE issues (
  installation_id       bigint NOT NULL,
  repository_id         bigint NOT NULL,
  number                integer NOT NULL,
  reporter_id           bigint NOT NULL,
  reporter_login        text NOT NULL,
  reporter_type         text NOT NULL,
  author_association    text NOT NULL,
  labels                text[] NOT NULL DEFAULT '{}',
  state                 text NOT NULL CHECK (state IN ('open', 'closed')),
  state_reason          text,
  locked                boolean NOT NULL DEFAULT false,
  opened_at             timestamptz NOT NULL,
  closed_at             timestamptz,
  first_response_at     timestamptz,
  first_responder_login text,
  reopen_count          integer NOT NULL DEFAULT 0,
  -- the payload's issue.updated_at of the newest event applied: older events do not overwrite state
  state_changed_at      timestamptz NOT NULL,
  PRIMARY KEY (installation_id, repository_id, number),
  FOREIGN KEY (installation_id, repository_id)
    REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
-- repeat usage: "had this reporter opened an earlier issue in this repository?"
CREATE INDEX issues_reporter ON issues (installation_id, repository_id, reporter_id, opened_at);

CREATE TABLE surveys (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  issue_number    integer NOT NULL,
  -- the close this survey asks about; a redelivered close finds its survey by it
  closed_at       timestamptz NOT NULL,
  reporter_id     bigint NOT NULL,
  reporter_login  text NOT NULL,
  status          text NOT NULL CHECK (status IN ('to_ask', 'asked', 'answered', 'expired', 'cancelled', 'comment_deleted')),
  comment_id      bigint,
  ask_attempts    integer NOT NULL DEFAULT 0,
  asked_at        timestamptz,
  window_ends_at  timestamptz,
  next_poll_at    timestamptz,
  poll_count      integer NOT NULL DEFAULT 0,
  reactions_etag  text,
  lease_until     timestamptz,
  last_error      text,
  ended_at        timestamptz,
  UNIQUE (installation_id, repository_id, issue_number, closed_at),
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX surveys_due ON surveys (next_poll_at) WHERE status IN ('to_ask', 'asked');
CREATE INDEX surveys_comment ON surveys (installation_id, comment_id);

CREATE TABLE experiences (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  issue_number    integer NOT NULL,
  survey_id       bigint NOT NULL UNIQUE REFERENCES surveys (id) ON DELETE CASCADE,
  reporter_id     bigint NOT NULL,
  closed_at       timestamptz NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('pending', 'positive', 'negative', 'neutral')),
  answered_at     timestamptz,
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX experiences_window ON experiences (installation_id, repository_id, closed_at);

CREATE TABLE deliveries (
  id              text PRIMARY KEY,
  installation_id bigint NOT NULL,
  event           text NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_installation ON deliveries (installation_id);

-- The feedback API's bearer tokens, one installation each (`satisfaction-bot token create`). Only the
-- SHA-256 of a token is kept: the token itself is printed once and never stored. A revoked token stays
-- listed, refused. Uninstalling deletes an installation's tokens and, with them, their counters.
CREATE TABLE api_tokens (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  name            text,
  token_sha256    text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz NOT NULL,
  revoked_at      timestamptz
);
CREATE INDEX api_tokens_installation ON api_tokens (installation_id);

-- Requests per token in a fixed window: one upsert per request, so every instance on the database
-- counts in the same row. Windows older than the current one are deleted by the sweep.
CREATE TABLE api_rate_windows (
  token_id        bigint NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  installation_id bigint NOT NULL,
  window_start    timestamptz NOT NULL,
  requests        integer NOT NULL,
  PRIMARY KEY (token_id, window_start)
);
CREATE INDEX api_rate_windows_start ON api_rate_windows (window_start);

-- Chat: the installation's Slack-compatible incoming webhook, set by the operator with
-- `satisfaction-bot chat set`. The URL is a secret: it lives in this table only, never in a
-- repository, a log, a work row's payload or error. Uninstalling the app deletes it.
CREATE TABLE chat_webhooks (
  installation_id bigint PRIMARY KEY REFERENCES installations (id) ON DELETE CASCADE,
  url             text NOT NULL,
  set_at          timestamptz NOT NULL
);

-- A message for the chat webhook, made when a summary is posted: its headline figures, or its alerts.
-- Unique per summary subject, period and kind, so a summary posted as an issue and as a check run,
-- or posted again after a retry, is sent once. The text holds figures and names, never a person's.
-- Its scheduling is in `work` (kind chat.post).
CREATE TABLE chat_messages (
  id                   bigserial PRIMARY KEY,
  installation_id      bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  scope                text NOT NULL CHECK (scope IN ('repository', 'organization')),
  target_repository_id bigint NOT NULL,
  period_key           text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('summary', 'alert')),
  text                 text NOT NULL,
  status               text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
  created_at           timestamptz NOT NULL,
  sent_at              timestamptz,
  UNIQUE (installation_id, scope, target_repository_id, period_key, kind)
);

-- The "Satisfaction configuration" check run of a push that changed .github/satisfaction.yml: stored
-- with the delivery, posted right after the answer, retried by the sweep when GitHub fails, and
-- after the last retry left as 'failed' (visible, with its last error).
CREATE TABLE config_checks (
  id                bigserial PRIMARY KEY,
  installation_id   bigint NOT NULL,
  repository_id     bigint NOT NULL,
  head_sha          text NOT NULL,
  on_default_branch boolean NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'posted', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL,
  lease_until       timestamptz,
  last_error        text,
  check_run_id      bigint,
  UNIQUE (installation_id, repository_id, head_sha),
  FOREIGN KEY (installation_id, repository_id)
    REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX config_checks_due ON config_checks (next_attempt_at) WHERE status = 'pending';

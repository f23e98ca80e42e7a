-- Periodic summaries and per-repository configuration.

ALTER TABLE repositories ADD COLUMN stargazers_count integer;
ALTER TABLE repositories ADD COLUMN default_branch text;

-- What a close was asked with, from the repository's configuration at that moment.
ALTER TABLE surveys ADD COLUMN window_days integer NOT NULL DEFAULT 14;
ALTER TABLE surveys ADD COLUMN message text;

-- The last good configuration of a repository (.github/satisfaction.yml, with the organisation's
-- fallback and _extends applied), and the error of the last load when it was broken.
CREATE TABLE repository_configs (
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  config          jsonb,
  loaded_at       timestamptz NOT NULL,
  error           jsonb,
  PRIMARY KEY (installation_id, repository_id),
  FOREIGN KEY (installation_id, repository_id)
    REFERENCES repositories (installation_id, id) ON DELETE CASCADE
);

-- The organisation's own settings (organization_summary), read from its .github repository.
ALTER TABLE installations ADD COLUMN organization_config jsonb;
ALTER TABLE installations ADD COLUMN organization_config_loaded_at timestamptz;

-- One row per summary to post: the unique key decides, across instances, that it is posted once.
CREATE TABLE summaries (
  id                   bigserial PRIMARY KEY,
  installation_id      bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  scope                text NOT NULL CHECK (scope IN ('repository', 'organization')),
  target_repository_id bigint NOT NULL,
  period_key           text NOT NULL,
  output               text NOT NULL CHECK (output IN ('issue', 'check_run')),
  status               text NOT NULL CHECK (status IN ('pending', 'posted', 'dry_run')),
  attempts             integer NOT NULL DEFAULT 0,
  next_attempt_at      timestamptz NOT NULL,
  lease_until          timestamptz,
  last_error           text,
  github_number        bigint,
  posted_at            timestamptz,
  UNIQUE (installation_id, scope, target_repository_id, period_key, output)
);

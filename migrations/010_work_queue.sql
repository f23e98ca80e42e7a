-- One work queue for everything the app does after answering a webhook (asking a survey, reading its
-- reactions, posting a summary, posting a configuration check, and the kinds later issues add).
-- A row is one piece of work still to do, or failed for good; done work is deleted. What the work is
-- about stays in its own table (surveys, summaries, config_checks); how it is scheduled, leased,
-- retried and given up lives here, once for every kind.
CREATE TABLE work (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  -- the repository it acts on: its work waits while the repository is removed from the installation
  repository_id   bigint,
  kind            text NOT NULL,
  -- what it works on, unique per kind (a survey's id, a summary's id): the same work is queued once
  key             text NOT NULL,
  -- what the handler and `satisfaction-bot failures` need besides the key (never a person's name)
  payload         jsonb NOT NULL DEFAULT '{}',
  state           text NOT NULL CHECK (state IN ('pending', 'failed')),
  run_at          timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_error      text,
  failed_at       timestamptz,
  UNIQUE (installation_id, kind, key)
);
CREATE INDEX work_due ON work (run_at) WHERE state = 'pending';

-- The pending and failed work of the three queues this table replaces, as it stood.
INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at, attempts, last_error, failed_at)
SELECT installation_id, repository_id,
  CASE WHEN status = 'asked' THEN 'survey.read' ELSE 'survey.ask' END,
  id::text, jsonb_build_object('issueNumber', issue_number),
  CASE WHEN status = 'failed' THEN 'failed' ELSE 'pending' END,
  coalesce(next_poll_at, closed_at),
  CASE WHEN status = 'asked' THEN 0 ELSE ask_attempts END,
  last_error, CASE WHEN status = 'failed' THEN coalesce(ended_at, now()) END
FROM surveys WHERE status IN ('to_ask', 'asked', 'failed') ORDER BY id;

INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at, attempts, last_error, failed_at)
SELECT installation_id, target_repository_id, 'summary.post', id::text,
  jsonb_build_object('scope', scope, 'period', period_key, 'output', output),
  status, next_attempt_at, attempts, last_error, CASE WHEN status = 'failed' THEN now() END
FROM summaries WHERE status IN ('pending', 'failed') ORDER BY id;

INSERT INTO work (installation_id, repository_id, kind, key, payload, state, run_at, attempts, last_error, failed_at)
SELECT installation_id, repository_id, 'config_check.post', id::text, jsonb_build_object('headSha', head_sha),
  status, next_attempt_at, attempts, last_error, CASE WHEN status = 'failed' THEN now() END
FROM config_checks WHERE status IN ('pending', 'failed') ORDER BY id;

ALTER TABLE surveys DROP COLUMN next_poll_at, DROP COLUMN lease_until, DROP COLUMN ask_attempts, DROP COLUMN last_error;
ALTER TABLE summaries DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN lease_until, DROP COLUMN last_error;
ALTER TABLE config_checks DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN lease_until, DROP COLUMN last_error;

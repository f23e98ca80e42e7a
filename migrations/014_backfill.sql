-- Backfill: the history of a repository's issues and comments, imported from GitHub's REST API when
-- the app is installed (or a repository added), or on demand (`satisfaction-bot backfill`), so the
-- figures are right from the first summary. One run per repository and request; an installation's
-- runs are worked one at a time, one page after the other, by its one `backfill.installation` work.

CREATE TABLE backfill_runs (
  id              bigserial PRIMARY KEY,
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  -- issues and comments updated since this instant are imported
  since           timestamptz NOT NULL,
  -- comments created before it are counted in the conversation counters: from it on, webhooks count them
  counts_before   timestamptz NOT NULL,
  queued_at       timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'unreadable')),
  -- the cursor, advanced in the transaction that stores each page: a restarted run goes on from it
  phase           text NOT NULL DEFAULT 'issues' CHECK (phase IN ('issues', 'comments', 'older_comments')),
  cursor_since    timestamptz NOT NULL,
  page            integer NOT NULL DEFAULT 1,
  -- phase older_comments: the issue (opened before `since`) whose whole conversation is being read
  issue_number    integer,
  issues          integer NOT NULL DEFAULT 0,
  comments        integer NOT NULL DEFAULT 0,
  finished_at     timestamptz,
  FOREIGN KEY (installation_id, repository_id)
    REFERENCES repositories (installation_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
-- At most one unfinished run per repository; an installation's queue is its pending runs by id.
CREATE UNIQUE INDEX backfill_runs_pending ON backfill_runs (installation_id, repository_id) WHERE status = 'pending';

-- What a run has already applied, so a page read twice (a resumed run, a listing that moved) counts
-- nothing twice: the comments it counted, and the issues opened before `since` whose conversation it
-- still has to read in full. Ids only; deleted when the run ends.
CREATE TABLE backfill_seen (
  run_id          bigint NOT NULL REFERENCES backfill_runs (id) ON DELETE CASCADE,
  installation_id bigint NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('comment', 'older_issue')),
  id              bigint NOT NULL,
  PRIMARY KEY (run_id, kind, id)
);

-- The run that imported an issue's history: only that run counts its comments, so a later run (or
-- a second request) never counts a conversation twice.
ALTER TABLE issues ADD COLUMN backfill_run_id bigint;

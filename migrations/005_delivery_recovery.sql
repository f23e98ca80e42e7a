-- Recovering webhook deliveries that failed before the app recorded them (it, or PostgreSQL, was
-- down): a periodic job asks GitHub to redeliver them, a few times at most per delivery.

-- One row per delivery GUID the app asked GitHub to redeliver: the delivery id last asked for, when,
-- and how many times in all. At the cap the GUID is given up (given_up_at), logged once.
CREATE TABLE delivery_redeliveries (
  guid        text PRIMARY KEY,
  delivery_id bigint NOT NULL,
  asked_at    timestamptz NOT NULL,
  attempts    integer NOT NULL CHECK (attempts > 0),
  given_up_at timestamptz
);
CREATE INDEX delivery_redeliveries_asked ON delivery_redeliveries (asked_at);

-- App-wide periodic jobs that run at most once per interval across all instances: a run claims its
-- row with a conditional UPDATE, so two instances never run the same job at once.
CREATE TABLE jobs (
  name        text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);
INSERT INTO jobs (name, last_run_at) VALUES ('redeliver_failed_deliveries', '-infinity');

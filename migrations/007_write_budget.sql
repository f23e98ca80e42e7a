-- Content-creating requests (comments, issues, check runs) per installation and minute, counted
-- across every instance, to stay under GitHub's secondary limit of 80 a minute.
CREATE TABLE write_budget (
  installation_id bigint NOT NULL REFERENCES installations (id) ON DELETE CASCADE,
  minute          timestamptz NOT NULL,
  used            integer NOT NULL,
  PRIMARY KEY (installation_id, minute)
);

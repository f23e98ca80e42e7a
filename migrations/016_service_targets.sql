-- The service-level marks an issue got: a warning before it breaches a target, the breach after it,
-- each at most once per issue, target and measure (first response or resolution). The warning's
-- label is removed once the measure is met (cleared_at). The labels themselves are put on by the
-- work engine (kind sla.label), queued in the transaction that records the mark.
CREATE TABLE service_marks (
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  issue_number    integer NOT NULL,
  -- the target as written: its labels joined by commas
  target          text NOT NULL,
  measure         text NOT NULL CHECK (measure IN ('first_response', 'resolution')),
  mark            text NOT NULL CHECK (mark IN ('warning', 'breach')),
  marked_at       timestamptz NOT NULL,
  cleared_at      timestamptz,
  PRIMARY KEY (installation_id, repository_id, issue_number, target, measure, mark),
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX service_marks_uncleared ON service_marks (installation_id, repository_id) WHERE mark = 'warning' AND cleared_at IS NULL;

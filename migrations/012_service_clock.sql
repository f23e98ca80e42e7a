-- What response and resolution times on the configured clock need. `first_response_at` stays the first
-- comment by the repository's owner, a member or a collaborator; `first_any_response_at` is the first
-- comment by any human but the reporter (service_levels.responders: anyone).
ALTER TABLE issues ADD COLUMN first_any_response_at timestamptz;

-- Every label added to or removed from an issue, as the app saw it (issues.labeled / unlabeled), at the
-- payload's time. The pause labels stop an issue's clocks from a `labeled` to the next `unlabeled`;
-- kept as events rather than spans so that redelivered and out-of-order deliveries give the same spans.
CREATE TABLE label_events (
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  issue_number    integer NOT NULL,
  label           text NOT NULL,
  action          text NOT NULL CHECK (action IN ('labeled', 'unlabeled')),
  at              timestamptz NOT NULL,
  PRIMARY KEY (installation_id, repository_id, issue_number, label, at, action),
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);

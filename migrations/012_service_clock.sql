-- What response and resolution times on the configured clock need. `first_response_at` stays the first
-- comment by the repository's owner, a member or a collaborator; `first_any_response_at` is the first
-- comment by any human but the reporter (service_levels.responders: anyone).
ALTER TABLE issues ADD COLUMN first_any_response_at timestamptz;

-- Every span of time an issue carried a label, as far as the app saw it (issues.labeled / unlabeled):
-- the pause labels stop an issue's clocks while they are on. A span still open has no removed_at.
CREATE TABLE label_spans (
  installation_id bigint NOT NULL,
  repository_id   bigint NOT NULL,
  issue_number    integer NOT NULL,
  label           text NOT NULL,
  added_at        timestamptz NOT NULL,
  removed_at      timestamptz,
  PRIMARY KEY (installation_id, repository_id, issue_number, label, added_at),
  FOREIGN KEY (installation_id, repository_id, issue_number)
    REFERENCES issues (installation_id, repository_id, number) ON DELETE CASCADE ON UPDATE CASCADE
);

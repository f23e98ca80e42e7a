-- The follow-up on a negative answer (`follow_up` in satisfaction.yml). On the experience: when the one
-- reply asking what went wrong was posted (GitHub's time of that comment) and its comment id; then the
-- reason: the text of the reporter's first comment on the issue within 7 days after that reply, with
-- that comment's id and time. The reason is a person's own words: it lives on the experience and goes
-- with it (forget-me, retention, uninstall, a deleted issue). A deleted comment takes its reason with
-- it; its id stays, so a later comment does not take its place.
ALTER TABLE experiences
  ADD COLUMN followed_up_at timestamptz,
  ADD COLUMN follow_up_comment_id bigint,
  ADD COLUMN reason text,
  ADD COLUMN reason_comment_id bigint,
  ADD COLUMN reason_at timestamptz,
  ADD CONSTRAINT experiences_follow_up CHECK ((followed_up_at IS NULL) = (follow_up_comment_id IS NULL)),
  ADD CONSTRAINT experiences_reason CHECK (reason IS NULL OR reason_comment_id IS NOT NULL);

-- A reporter's comment looks for the followed-up experience of its issue; few rows, so a small index.
CREATE INDEX experiences_followed_up ON experiences (installation_id, repository_id, issue_number)
  WHERE followed_up_at IS NOT NULL;
-- An edited or deleted comment finds the reason it gave.
CREATE INDEX experiences_reason_comment ON experiences (installation_id, reason_comment_id)
  WHERE reason_comment_id IS NOT NULL;

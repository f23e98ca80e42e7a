-- What the issues carry beyond state: the title (shown in summaries' pain points) and every reopen
-- time seen. reopen_count stays the number of those times.
ALTER TABLE issues ADD COLUMN title text NOT NULL DEFAULT '';
-- Every reopen time seen (reopen_count is its length): survey decisions are judged against these,
-- not against the newest event, because a comment moves the issue's updated_at too.
ALTER TABLE issues ADD COLUMN reopened_at timestamptz[] NOT NULL DEFAULT '{}';

-- A summary whose post failed at every retry ends as 'failed' (visible, with its last error).
ALTER TABLE summaries DROP CONSTRAINT summaries_status_check;
ALTER TABLE summaries ADD CONSTRAINT summaries_status_check CHECK (status IN ('pending', 'posted', 'dry_run', 'failed'));

-- installation.deleted is not believed on its word (issue 18, item 7): the webhook records the
-- request here, and the due work erases the installation only once GitHub answers 404 for it.
-- NULL: no uninstall waiting for GitHub's confirmation.
ALTER TABLE installations ADD COLUMN uninstall_requested_at timestamptz;

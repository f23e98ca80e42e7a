-- A survey whose comment could not be posted after every retry ends as 'failed' (visible, with its
-- last error), apart from 'cancelled' (the issue was reopened, or GitHub said it cannot be asked).
ALTER TABLE surveys DROP CONSTRAINT surveys_status_check;
ALTER TABLE surveys ADD CONSTRAINT surveys_status_check
  CHECK (status IN ('to_ask', 'asked', 'answered', 'expired', 'cancelled', 'comment_deleted', 'failed'));

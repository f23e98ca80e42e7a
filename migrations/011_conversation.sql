-- Who took part in an issue's conversation, as far as the app saw it: the reporter's own comments and
-- bots' comments are counted, anyone else's is remembered. A reporter who closes their own issue that
-- nobody else answered is not asked (nobody served them): the issue's comment count from the close's
-- payload is compared with what the app saw, so an issue whose earlier comments it never saw is asked.
ALTER TABLE issues
  ADD COLUMN reporter_comments integer NOT NULL DEFAULT 0,
  ADD COLUMN bot_comments integer NOT NULL DEFAULT 0,
  ADD COLUMN others_commented boolean NOT NULL DEFAULT false;

-- Rapport schema version 19: the follow-ups' counts read an index, not the contacts (docs/PERFORMANCE.md
-- "Start-up and exit"). Same format as v1.sql.
--
-- The Follow-ups section counts the open follow-ups per bucket (overdue, today, this week, later) after the
-- window's first paint, every minute and after every change of a follow-up. Those counts left out the
-- follow-ups of trashed contacts by joining every open follow-up to its contact: 35,000 row lookups in the
-- contacts table on the large dataset, 100-250 ms on the GUI thread. Now the open follow-ups are counted from
-- this covering index alone (done_at and deleted_at first, so "open" is an equality on both), and the few
-- trashed contacts come from the small partial index below.

-- @stmt all
DROP INDEX follow_ups_due

-- Replaces follow_ups_due (done_at, due_at): the same prefix for the buckets' "open, due between" ranges.
-- @stmt all
CREATE INDEX follow_ups_state ON follow_ups (done_at, deleted_at, due_at, contact_id, assignee_id)

-- The trashed contacts' ids: usually none or a few hundred.
-- @stmt all
CREATE INDEX contacts_trashed ON contacts (id) WHERE deleted_at IS NOT NULL

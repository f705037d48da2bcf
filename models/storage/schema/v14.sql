-- Rapport schema version 14: two indexes for who to pitch on PostgreSQL (issue 11, docs/PITCHING.md "How it is
-- computed", docs/PERFORMANCE.md "Who to pitch"). Same format as v1.sql: each statement starts with a
-- "-- @stmt DIALECT" line (all, sqlite or postgres). Only additions, and only on PostgreSQL: SQLite answers the
-- same statements from its full-text index and primary key, so there this version records itself and changes
-- nothing.

-- The people's own posts (PitchSuggestions' post filter, repeated word for word so that the planner can prove
-- the query implies it) by time: the last 90 days' posts are a few thousand rows, each tested against the
-- topics' tsquery, where the GIN index would first merge the posting lists of every word the topics' prefixes
-- match in all interactions ("tech:*" also matches "technology"), 150-300 ms on the large dataset.
-- @stmt postgres
CREATE INDEX interactions_posts ON interactions (occurred_at)
WHERE direction = 'inbound' AND contact_id IS NOT NULL AND deleted_at IS NULL
AND (channel = 'post' OR (source <> 'manual' AND channel <> 'direct_message'))

-- Who may be suggested (alive, not do-not-contact, press) with what the ranking reads of each candidate, so the
-- ~11,000 candidates of a broad campaign are read from this small index (index-only, about 6 MB for 100,000
-- contacts) instead of the contact rows (a scan of the whole table).
-- @stmt postgres
CREATE INDEX contacts_pitchable ON contacts (id) INCLUDE (health_score, reach, preferred_channel, sort_name)
WHERE deleted_at IS NULL AND do_not_contact = 0 AND kind NOT IN ('client_contact', 'customer')

-- Rapport schema version 7: Activity → Cooling off reads an index instead of aggregating the history
-- (issue 10: 3.5 s to list 100 contacts on the large dataset), and a person's open follow-ups read their own
-- index (the profile's follow-ups walked all open follow-ups of everybody).
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions: every version-6 row stays as it is.

-- The health score the contact had CoolingOffQuery::kCoolingDays (90) days before health_score was computed,
-- scored from the history up to then with the same formula (docs/HEALTH.md, "Cooling off"). Written beside
-- health_score by every write that keeps it (HealthRepository, the demo's scoring); NULL when the contact had
-- no interaction by then, or has not been scored since version 7.
-- @stmt all
ALTER TABLE contacts ADD COLUMN health_then INTEGER

-- When every contact's health_score and health_then were last computed together (one row, id 1). Both
-- scores depend on the day as well as on the history, so once the day has changed the window rescores
-- everybody in the background (HealthRepository::rescoreIfStale) before it lists who is cooling off. No row:
-- never (a database from before version 7).
-- @stmt all
CREATE TABLE health_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    scored_at BIGINT NOT NULL
)

-- Cooling off is one range of the quiet contacts (by last_contacted_at) among those whose score then makes a
-- drop of 15 points possible at all; the scores and the reach are in the index, so the table is not read.
-- The literal 15 is CoolingOffQuery::kCoolingMinDrop: the query must repeat it for the index to apply.
-- @stmt all
CREATE INDEX contacts_live_cooling ON contacts (last_contacted_at, health_then, health_score, reach, id)
    WHERE deleted_at IS NULL AND health_then >= 15

-- A contact's open follow-ups, soonest first (the profile, Cooling off's follow-up column).
-- @stmt all
CREATE INDEX follow_ups_contact_open ON follow_ups (contact_id, due_at) WHERE done_at IS NULL AND deleted_at IS NULL

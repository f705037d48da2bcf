-- Rapport schema version 8: coverage recorded before version 6 gets its URL key (issue 11). The keys are
-- computed in C++ (Url::coverageKey, CoverageRepository::backfillUrlKeys) after these statements, in the same
-- transaction: of live rows with the same key the first keeps it, later copies and addresses that are not web
-- addresses stay without one. Same format as v1.sql.

-- Coverage by the synced post it was accepted from: "is this post coverage already" for the proposals, and a
-- person's coverage on their profile.
-- @stmt all
CREATE INDEX coverage_interaction ON coverage (interaction_id) WHERE interaction_id IS NOT NULL

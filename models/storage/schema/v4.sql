-- Rapport schema version 4: synced items whose source gave no usable date.
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions: every version-3 row stays as it is.

-- 1 when occurred_at is the time Rapport first saw a synced item because the source gave no usable date
-- (a feed item without one, or with one it cannot read): the timeline then says "date unknown, first seen …"
-- instead of passing the fetch time off as the item's date. 0 for everything else, logged interactions
-- included. SyncItem::dateUnknown.
-- @stmt all
ALTER TABLE interactions ADD COLUMN date_unknown INTEGER NOT NULL DEFAULT 0

-- Rapport schema version 9: import batches, so that every import can be undone as one, even days later.
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions.

-- One row per import run: where it came from, who ran it, what it did; undone_at once undone.
-- @stmt all
CREATE TABLE import_batches (
    id @ID@,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('csv', 'vcard')),
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    created_count INTEGER NOT NULL DEFAULT 0,
    updated_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    problem_count INTEGER NOT NULL DEFAULT 0,
    merged_count INTEGER NOT NULL DEFAULT 0,
    undone_at BIGINT,
    undone_by BIGINT REFERENCES users (id) ON DELETE SET NULL
)

-- What a batch created or changed. version_after is the row's version as the import left it: a different
-- version at undo time means someone edited the row since, which undo reports as a conflict instead of
-- overwriting. old_values (JSON) is the whole contact before an update, written back by undo.
-- @stmt all
CREATE TABLE import_batch_items (
    batch_id BIGINT NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN ('contact', 'organization', 'tag')),
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    version_after INTEGER,
    old_values TEXT,
    PRIMARY KEY (batch_id, entity, entity_id)
)

-- @stmt all
CREATE INDEX import_batch_items_entity ON import_batch_items (entity, entity_id)

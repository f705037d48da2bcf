-- Rapport schema version 1: the whole product's data (see docs/ARCHITECTURE.md).
-- One file serves both backends. Each statement starts with a "-- @stmt DIALECT" line,
-- DIALECT being all, sqlite or postgres. Tokens replaced per backend:
--   @ID@   an auto-increment 64-bit primary key
--   @COMMON@  the columns every entity row carries: created/updated times (UTC epoch ms),
--             the user who changed it last, a version for conflict detection, and soft delete.
-- Times are UTC milliseconds since the epoch in BIGINT columns on both backends.

-- @stmt all
CREATE TABLE users (
    id @ID@,
    name TEXT NOT NULL,
    email TEXT,
    login TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL DEFAULT 'account_manager' CHECK (role IN ('account_manager', 'manager', 'admin')),
    @COMMON@
)

-- @stmt all
CREATE TABLE organizations (
    id @ID@,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('newspaper', 'magazine', 'online', 'broadcaster', 'podcast',
                                                        'blog', 'agency', 'client', 'other')),
    website TEXT,
    reach BIGINT,
    city TEXT,
    country TEXT,
    notes TEXT,
    @COMMON@
)

-- @stmt all
CREATE INDEX organizations_name ON organizations (name)

-- Outlets in name order, trash left out: the contact list sorted by outlet walks it (with contacts_live_organization).
-- @stmt all
CREATE INDEX organizations_live_name ON organizations (name, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE TABLE contacts (
    id @ID@,
    first_name TEXT,
    last_name TEXT,
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 300),
    title TEXT,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    organization_role TEXT,
    kind TEXT NOT NULL DEFAULT 'journalist' CHECK (kind IN ('journalist', 'editor', 'blogger', 'influencer', 'analyst',
                                                             'client_contact', 'customer', 'other')),
    city TEXT,
    country TEXT,
    time_zone TEXT,
    reach BIGINT,
    preferred_channel TEXT,
    pronouns TEXT,
    notes TEXT,
    do_not_contact INTEGER NOT NULL DEFAULT 0,
    do_not_contact_reason TEXT,
    consent_basis TEXT,
    consent_at BIGINT,
    consent_source TEXT,
    owner_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    last_contacted_at BIGINT,
    health_score INTEGER,
    -- Denormalised text for full-text search: emails, handles, outlet name, beats and tags.
    -- Maintained by ContactRepository in the same transaction as the rows it summarises.
    search_extra TEXT NOT NULL DEFAULT '',
    -- Text::sortKey(display_name): lower case without diacritics, so the list sorts as people expect.
    sort_name TEXT NOT NULL DEFAULT '',
    @COMMON@
)

-- The contact list sorted by name, trash left out (a partial index both backends use for that query).
-- @stmt all
CREATE INDEX contacts_live_sort_name ON contacts (sort_name, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_organization ON contacts (organization_id)

-- @stmt all
CREATE INDEX contacts_owner ON contacts (owner_id)

-- @stmt all
CREATE INDEX contacts_last_contacted ON contacts (last_contacted_at, id)

-- Every other sortable column of the contact list, trash left out, with the id that breaks ties: the list
-- reads each order (or each range of it: one kind, one owner, one outlet, the empty values) straight off
-- the index instead of sorting 100,000 rows (ContactListQuery::orderedIds).
-- @stmt all
CREATE INDEX contacts_live_title ON contacts (title, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_live_kind ON contacts (kind, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_live_owner ON contacts (owner_id, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_live_organization ON contacts (organization_id, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_live_last_contacted ON contacts (last_contacted_at, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_live_updated ON contacts (updated_at, id) WHERE deleted_at IS NULL

-- NULL (never scored) is SQLite's lowest value, as never contacted above.
-- @stmt all
CREATE INDEX contacts_live_health ON contacts (health_score, id) WHERE deleted_at IS NULL

-- @stmt all
CREATE TABLE contact_emails (
    id @ID@,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    label TEXT NOT NULL DEFAULT 'work',
    email TEXT NOT NULL,
    normalized TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
)

-- @stmt all
CREATE INDEX contact_emails_contact ON contact_emails (contact_id)

-- @stmt all
CREATE INDEX contact_emails_normalized ON contact_emails (normalized)

-- @stmt all
CREATE TABLE contact_phones (
    id @ID@,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    label TEXT NOT NULL DEFAULT 'work',
    phone TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
)

-- @stmt all
CREATE INDEX contact_phones_contact ON contact_phones (contact_id)

-- @stmt all
CREATE TABLE handles (
    id @ID@,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    network TEXT NOT NULL CHECK (network IN ('email', 'mastodon', 'bluesky', 'feed', 'website', 'linkedin', 'x')),
    handle TEXT NOT NULL,
    normalized TEXT NOT NULL,
    UNIQUE (network, normalized)
)

-- @stmt all
CREATE INDEX handles_contact ON handles (contact_id)

-- @stmt all
CREATE TABLE tags (
    id @ID@,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'tag' CHECK (kind IN ('beat', 'tag')),
    UNIQUE (kind, name)
)

-- @stmt all
CREATE TABLE contact_tags (
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, tag_id)
)

-- @stmt all
CREATE INDEX contact_tags_tag ON contact_tags (tag_id, contact_id)

-- @stmt all
CREATE TABLE campaigns (
    id @ID@,
    client_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description TEXT,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
    starts_at BIGINT,
    ends_at BIGINT,
    owner_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    @COMMON@
)

-- @stmt all
CREATE INDEX campaigns_client ON campaigns (client_id)

-- @stmt all
CREATE TABLE content_items (
    id @ID@,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('press_release', 'pitch_email', 'blog_post', 'social_post', 'media_kit')),
    title TEXT NOT NULL,
    body TEXT,
    url TEXT,
    published_at BIGINT,
    @COMMON@
)

-- @stmt all
CREATE INDEX content_items_campaign ON content_items (campaign_id)

-- @stmt all
CREATE TABLE media_lists (
    id @ID@,
    campaign_id BIGINT REFERENCES campaigns (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    @COMMON@
)

-- @stmt all
CREATE TABLE media_list_members (
    media_list_id BIGINT NOT NULL REFERENCES media_lists (id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (media_list_id, contact_id)
)

-- @stmt all
CREATE TABLE interactions (
    id @ID@,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    campaign_id BIGINT REFERENCES campaigns (id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'call', 'meeting', 'event', 'mention', 'reply',
                                              'direct_message', 'pitch', 'note', 'post')),
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    occurred_at BIGINT NOT NULL,
    subject TEXT,
    body TEXT,
    sentiment INTEGER CHECK (sentiment IN (-1, 0, 1)),
    outcome TEXT,
    url TEXT,
    -- 'manual' for logged interactions; the network for synced ones. (source, external_id) is unique,
    -- so syncing twice never duplicates.
    source TEXT NOT NULL DEFAULT 'manual',
    external_id TEXT,
    -- Who wrote a synced item; an item with no contact yet is in the Inbox until triaged.
    author_handle TEXT,
    author_name TEXT,
    @COMMON@,
    UNIQUE (source, external_id)
)

-- @stmt all
CREATE INDEX interactions_timeline ON interactions (contact_id, occurred_at DESC, id DESC)

-- @stmt all
CREATE INDEX interactions_occurred ON interactions (occurred_at, channel)

-- @stmt all
CREATE INDEX interactions_campaign ON interactions (campaign_id)

-- @stmt all
CREATE TABLE pitches (
    id @ID@,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    content_item_id BIGINT REFERENCES content_items (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'pitched', 'replied', 'interested',
                                                              'declined', 'covered')),
    pitched_at BIGINT,
    replied_at BIGINT,
    notes TEXT,
    @COMMON@,
    UNIQUE (campaign_id, contact_id)
)

-- @stmt all
CREATE INDEX pitches_contact ON pitches (contact_id)

-- @stmt all
CREATE TABLE coverage (
    id @ID@,
    campaign_id BIGINT REFERENCES campaigns (id) ON DELETE SET NULL,
    pitch_id BIGINT REFERENCES pitches (id) ON DELETE SET NULL,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    url TEXT,
    published_at BIGINT,
    reach BIGINT,
    sentiment INTEGER CHECK (sentiment IN (-1, 0, 1)),
    @COMMON@
)

-- @stmt all
CREATE INDEX coverage_campaign ON coverage (campaign_id)

-- @stmt all
CREATE TABLE follow_ups (
    id @ID@,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    campaign_id BIGINT REFERENCES campaigns (id) ON DELETE CASCADE,
    assignee_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    due_at BIGINT NOT NULL,
    note TEXT,
    done_at BIGINT,
    @COMMON@
)

-- @stmt all
CREATE INDEX follow_ups_due ON follow_ups (done_at, due_at)

-- @stmt all
CREATE TABLE social_accounts (
    id @ID@,
    network TEXT NOT NULL CHECK (network IN ('mastodon', 'bluesky', 'feed')),
    display_name TEXT NOT NULL,
    server_url TEXT,
    handle TEXT,
    -- A feed belongs to a contact or an organization; a Mastodon or Bluesky account to a user.
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    sync_interval_s INTEGER NOT NULL DEFAULT 900,
    enabled INTEGER NOT NULL DEFAULT 1,
    last_sync_at BIGINT,
    last_error TEXT,
    @COMMON@
)

-- @stmt all
CREATE TABLE sync_state (
    account_id BIGINT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    stream TEXT NOT NULL,
    cursor TEXT,
    etag TEXT,
    last_modified TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, stream)
)

-- @stmt all
CREATE TABLE engagement_events (
    id @ID@,
    account_id BIGINT REFERENCES social_accounts (id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('like', 'boost', 'follow', 'quote')),
    actor_handle TEXT,
    occurred_at BIGINT NOT NULL,
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    UNIQUE (source, external_id)
)

-- @stmt all
CREATE TABLE ignored_handles (
    network TEXT NOT NULL,
    normalized TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (network, normalized)
)

-- @stmt all
CREATE TABLE saved_views (
    id @ID@,
    name TEXT NOT NULL,
    section TEXT NOT NULL DEFAULT 'contacts',
    owner_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    shared INTEGER NOT NULL DEFAULT 0,
    definition TEXT NOT NULL,
    @COMMON@
)

-- @stmt all
CREATE TABLE audit_log (
    id @ID@,
    at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    details TEXT
)

-- @stmt all
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)

-- Full-text search. SQLite: FTS5 tables over the rows' own columns (external content), kept in sync by
-- triggers. PostgreSQL: generated tsvector columns with GIN indexes.

-- @stmt sqlite
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
    display_name, title, search_extra, notes,
    content = 'contacts', content_rowid = 'id', prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')

-- @stmt sqlite
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, display_name, title, search_extra, notes)
    VALUES (new.id, new.display_name, new.title, new.search_extra, new.notes);
END

-- @stmt sqlite
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, title, search_extra, notes)
    VALUES ('delete', old.id, old.display_name, old.title, old.search_extra, old.notes);
END

-- @stmt sqlite
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, title, search_extra, notes ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, title, search_extra, notes)
    VALUES ('delete', old.id, old.display_name, old.title, old.search_extra, old.notes);
    INSERT INTO contacts_fts (rowid, display_name, title, search_extra, notes)
    VALUES (new.id, new.display_name, new.title, new.search_extra, new.notes);
END

-- @stmt sqlite
CREATE VIRTUAL TABLE interactions_fts USING fts5 (
    subject, body,
    content = 'interactions', content_rowid = 'id', prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')

-- @stmt sqlite
CREATE TRIGGER interactions_fts_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO interactions_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body);
END

-- @stmt sqlite
CREATE TRIGGER interactions_fts_delete AFTER DELETE ON interactions BEGIN
    INSERT INTO interactions_fts (interactions_fts, rowid, subject, body) VALUES ('delete', old.id, old.subject, old.body);
END

-- @stmt sqlite
CREATE TRIGGER interactions_fts_update AFTER UPDATE OF subject, body ON interactions BEGIN
    INSERT INTO interactions_fts (interactions_fts, rowid, subject, body) VALUES ('delete', old.id, old.subject, old.body);
    INSERT INTO interactions_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body);
END

-- Folds case and the common Latin diacritics, so "tomas" finds "Tomás" as FTS5's remove_diacritics does,
-- and splits at punctuation as FTS5's unicode61 does (so "retailpulse" finds tomas@retailpulse.example).
-- translate() rather than the unaccent extension, which needs privileges a team server may not grant.
-- @stmt postgres
CREATE FUNCTION rapport_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- ASCII text (most rows) skips translate(), which costs ~40% of the server's time on a bulk load.
    SELECT regexp_replace(
               CASE WHEN octet_length(coalesce(t, '')) = char_length(coalesce(t, ''))
                    THEN lower(coalesce(t, ''))
                    ELSE translate(lower(coalesce(t, '')),
                                   'àáâãäåāăąçćčďđèéêëēĕėęěğìíîïĩīįıñńňòóôõöøōőŕřśşšţťùúûüũūůűųýÿžźżł',
                                   'aaaaaaaaacccddeeeeeeeeegiiiiiiiinnnoooooooorrsssttuuuuuuuuuyyzzzl')
               END,
               '[[:punct:]]+', ' ', 'g')
$$

-- @stmt postgres
ALTER TABLE contacts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', rapport_fold(display_name)), 'A') ||
    setweight(to_tsvector('simple', rapport_fold(search_extra)), 'B') ||
    setweight(to_tsvector('simple', rapport_fold(title)), 'C') ||
    setweight(to_tsvector('simple', rapport_fold(notes)), 'D')) STORED

-- @stmt postgres
CREATE INDEX contacts_search ON contacts USING GIN (search_vector)

-- @stmt postgres
ALTER TABLE interactions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', rapport_fold(subject)), 'A') ||
    setweight(to_tsvector('simple', rapport_fold(body)), 'B')) STORED

-- @stmt postgres
CREATE INDEX interactions_search ON interactions USING GIN (search_vector)

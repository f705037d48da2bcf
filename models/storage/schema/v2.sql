-- Rapport schema version 2: background sync of social accounts and feeds (docs/SYNC.md).
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions: every version-1 row stays as it is.

-- Per account: run once when Rapport starts; what the last run left it in (ok, error, signin = the server
-- refused the credentials and the user must sign in again, disabled); when a run last succeeded and how
-- many items it fetched.
-- @stmt all
ALTER TABLE social_accounts ADD COLUMN sync_on_start INTEGER NOT NULL DEFAULT 0

-- @stmt all
ALTER TABLE social_accounts ADD COLUMN state TEXT NOT NULL DEFAULT 'ok'
    CHECK (state IN ('ok', 'error', 'signin', 'disabled'))

-- @stmt all
ALTER TABLE social_accounts ADD COLUMN last_success_at BIGINT

-- @stmt all
ALTER TABLE social_accounts ADD COLUMN last_fetched INTEGER NOT NULL DEFAULT 0

-- The Inbox: synced items nobody matched yet, grouped by who wrote them (the network is the source column).
-- Also serves linking an author to a contact and ignoring one (WHERE author_handle = … AND contact_id IS NULL).
-- @stmt all
CREATE INDEX interactions_inbox ON interactions (author_handle, source, occurred_at)
    WHERE contact_id IS NULL AND deleted_at IS NULL

-- Engagement counted per contact over time, and unmatched engagement by actor (linked along with the Inbox).
-- @stmt all
CREATE INDEX engagement_events_contact ON engagement_events (contact_id, occurred_at)

-- @stmt all
CREATE INDEX engagement_events_unmatched ON engagement_events (actor_handle, source) WHERE contact_id IS NULL

-- Feeds attached to a contact or an organization (a contact's page lists them; cascades look them up).
-- @stmt all
CREATE INDEX social_accounts_contact ON social_accounts (contact_id)

-- @stmt all
CREATE INDEX social_accounts_organization ON social_accounts (organization_id)

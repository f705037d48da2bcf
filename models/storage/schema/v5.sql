-- Rapport schema version 5: what the last sync of an account had to leave out.
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions: every version-4 row stays as it is.

-- One item a server sends that Rapport cannot read (a Mastodon mention whose post was deleted, a malformed
-- entry) is skipped instead of failing the account; the accounts list says how many and why. Set by every
-- sync that ends (0 and NULL when nothing was skipped), like last_fetched.
-- @stmt all
ALTER TABLE social_accounts ADD COLUMN last_skipped INTEGER NOT NULL DEFAULT 0

-- @stmt all
ALTER TABLE social_accounts ADD COLUMN last_skip_note TEXT

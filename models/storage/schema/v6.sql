-- Rapport schema version 6: campaigns become a workspace (issue 11): the brief, content with its versions,
-- the pitch pipeline with a stamp for every move, and coverage that is never recorded twice.
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions: every version-5 row stays as it is.
--
-- A campaign's media list is its set of pitches: adding a person to the media list creates a pitch in
-- status 'planned' (pitches keep UNIQUE (campaign_id, contact_id)). The older media_lists tables stay for
-- named lists shared between campaigns.

-- The brief. goals and key_messages are paragraphs of plain text; topics are the keywords that the
-- who-to-pitch suggestions and the coverage proposals match, one per line.
-- @stmt all
ALTER TABLE campaigns ADD COLUMN goals TEXT

-- @stmt all
ALTER TABLE campaigns ADD COLUMN key_messages TEXT

-- @stmt all
ALTER TABLE campaigns ADD COLUMN topics TEXT

-- The account managers working on a campaign besides its owner.
-- @stmt all
CREATE TABLE campaign_members (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, user_id)
)

-- The Campaigns list, trash left out, by client and start.
-- @stmt all
CREATE INDEX campaigns_live_client ON campaigns (client_id, starts_at) WHERE deleted_at IS NULL

-- Content items: body is Markdown (CommonMark with GitHub's extensions, as QTextDocument::toMarkdown writes
-- it); status moves draft → in review → approved → published.
-- @stmt all
ALTER TABLE content_items ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'in_review', 'approved', 'published'))

-- Every saved state of a content item before it was overwritten, so it can be seen and restored.
-- @stmt all
CREATE TABLE content_item_versions (
    id @ID@,
    content_item_id BIGINT NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT,
    status TEXT NOT NULL,
    url TEXT,
    published_at BIGINT,
    saved_at BIGINT NOT NULL,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (content_item_id, version)
)

-- Every move of a pitch from one status to another: who moved it and when.
-- @stmt all
CREATE TABLE pitch_moves (
    id @ID@,
    pitch_id BIGINT NOT NULL REFERENCES pitches (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    moved_at BIGINT NOT NULL,
    moved_by BIGINT REFERENCES users (id) ON DELETE SET NULL
)

-- @stmt all
CREATE INDEX pitch_moves_pitch ON pitch_moves (pitch_id, moved_at)

-- A proposal "replied" (an inbound interaction after the pitch) that the user turned down is not proposed again
-- for interactions before this time.
-- @stmt all
ALTER TABLE pitches ADD COLUMN reply_dismissed_at BIGINT

-- The board and the campaign list's figures read a campaign's pitches by status.
-- @stmt all
CREATE INDEX pitches_campaign_status ON pitches (campaign_id, status)

-- "Pitched by anyone in the last 14 days" and pitch fatigue read a person's recent pitches.
-- @stmt all
CREATE INDEX pitches_contact_pitched ON pitches (contact_id, pitched_at)

-- The pitch an interaction belongs to: the outbound 'pitch' interaction logged when a pitch is marked pitched
-- (and any later follow-up pitch). Its campaign is interactions.campaign_id; the content item is the pitch's.
-- @stmt all
ALTER TABLE interactions ADD COLUMN pitch_id BIGINT REFERENCES pitches (id) ON DELETE SET NULL

-- @stmt all
CREATE INDEX interactions_pitch ON interactions (pitch_id) WHERE pitch_id IS NOT NULL

-- Coverage: url_key is the normalized URL (scheme and host lower case, default port, trailing slash and
-- tracking parameters such as utm_* removed); the same article is never recorded twice. interaction_id is
-- the synced feed item or post the coverage was proposed from, if any.
-- @stmt all
ALTER TABLE coverage ADD COLUMN url_key TEXT

-- @stmt all
ALTER TABLE coverage ADD COLUMN interaction_id BIGINT REFERENCES interactions (id) ON DELETE SET NULL

-- @stmt all
CREATE UNIQUE INDEX coverage_url_key ON coverage (url_key) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX coverage_contact ON coverage (contact_id)

-- @stmt all
CREATE INDEX coverage_pitch ON coverage (pitch_id)

-- Coverage proposals (a pitched author's post mentioning the campaign's topics) the user turned down.
-- @stmt all
CREATE TABLE coverage_dismissals (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    interaction_id BIGINT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, interaction_id)
)

-- Rapport schema version 10: the dashboard reads counts kept on write instead of grouping raw rows (issue 12,
-- docs/PERFORMANCE.md "Dashboard"). Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line
-- (all, sqlite or postgres). Only additions; the migration fills the rollups from the existing rows afterwards
-- (Rollups::rebuild, the same statement a bulk load runs at its end).
--
-- Each rollup counts the live rows of one table per UTC day (time / 86400000) and the columns the dashboard
-- filters or groups by; NULL ids are stored as 0 so that the key is a plain primary key. The triggers below keep
-- them in the transaction of every write (repositories, sync, imports, merges, trash and restore, undo), on
-- both backends; a row whose count drops to 0 stays (it is reused, and reads add it as 0). A bulk load that
-- takes the triggers away (DeferredIndexes) rebuilds the rollups from the rows at its end. What a campaign is
-- (live, its client, its owner) is not in the rollups: readers join campaigns, so trashing or moving a campaign
-- changes no rollup row. The dashboard turns UTC days into local buckets exactly: whole UTC days inside a
-- bucket come from the rollup, the UTC days a bucket edge cuts (a local midnight that is not a UTC one) from
-- the raw rows (DashboardQuery).

-- Interactions: with_contact 1 for conversations (0: the Inbox), synced 1 when source <> 'manual'.
-- @stmt sqlite
CREATE TABLE interaction_rollup (
    day BIGINT NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    with_contact INTEGER NOT NULL,
    synced INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, channel, direction, user_id, campaign_id, with_contact, synced)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE interaction_rollup (
    day BIGINT NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    with_contact INTEGER NOT NULL,
    synced INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, channel, direction, user_id, campaign_id, with_contact, synced)
)

-- Pitches by the day of COALESCE(pitched_at, created_at) (the funnel's date; pitched_at for pitches sent),
-- status, pitched (pitched_at set) and replied (replied within DashboardQuery::kReplyDays = 14 days of the
-- pitch: 1209600000 ms, repeated in the triggers below).
-- @stmt sqlite
CREATE TABLE pitch_rollup (
    day BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    pitched INTEGER NOT NULL,
    replied INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, campaign_id, user_id, status, pitched, replied)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE pitch_rollup (
    day BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    pitched INTEGER NOT NULL,
    replied INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, campaign_id, user_id, status, pitched, replied)
)

-- Coverage with a publication date by day, campaign, the account manager of its pitch (0: no pitch or the
-- pitch has none; the dashboard then counts the campaign's owner) and sentiment (2 = unrated); reach is the sum
-- of the known figures.
-- @stmt sqlite
CREATE TABLE coverage_rollup (
    day BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    sentiment INTEGER NOT NULL,
    n BIGINT NOT NULL,
    reach BIGINT NOT NULL,
    PRIMARY KEY (day, campaign_id, user_id, sentiment)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE coverage_rollup (
    day BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    sentiment INTEGER NOT NULL,
    n BIGINT NOT NULL,
    reach BIGINT NOT NULL,
    PRIMARY KEY (day, campaign_id, user_id, sentiment)
)

-- The social accounts' likes, boosts, follows and quotes by day.
-- @stmt sqlite
CREATE TABLE engagement_rollup (
    day BIGINT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, kind)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE engagement_rollup (
    day BIGINT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, kind)
)

-- Raw reads that stay (docs/PERFORMANCE.md): the days a bucket edge cuts, top relationships, the median time
-- to reply, the reach of distinct outlets, top outlets, new contacts. Live rows only, by their date.
-- @stmt all
CREATE INDEX interactions_live_occurred ON interactions (occurred_at, contact_id, user_id, campaign_id, channel)
    WHERE deleted_at IS NULL AND contact_id IS NOT NULL

-- Top relationships over months: one pass over the live conversations in contact order (a streaming count per
-- contact) costs less than grouping a third of the million by time (DashboardQuery picks it on SQLite for month
-- buckets).
-- @stmt all
CREATE INDEX interactions_live_contact ON interactions (contact_id, occurred_at, user_id, campaign_id, channel)
    WHERE deleted_at IS NULL AND contact_id IS NOT NULL

-- @stmt all
CREATE INDEX pitches_live_day ON pitches ((COALESCE(pitched_at, created_at))) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX pitches_live_replied ON pitches (pitched_at, replied_at, campaign_id, user_id)
    WHERE deleted_at IS NULL AND replied_at IS NOT NULL

-- @stmt all
CREATE INDEX coverage_live_published ON coverage (published_at) WHERE deleted_at IS NULL

-- @stmt all
CREATE INDEX contacts_live_created ON contacts (created_at, owner_id, organization_id) WHERE deleted_at IS NULL

-- Cooling relationships: the contacts quiet for 30 to 180 days, ranked by health, from the index alone.
-- @stmt all
CREATE INDEX contacts_live_contacted_health ON contacts (last_contacted_at, health_score, owner_id, organization_id, id)
    WHERE deleted_at IS NULL

-- The Campaigns list sorted by a pitch figure counts the live pitches per campaign and status from this index
-- alone (bench_campaigns: sorting by On list read all 200,000 pitch rows for their deleted_at).
-- @stmt all
CREATE INDEX pitches_live_campaign_status ON pitches (campaign_id, status) WHERE deleted_at IS NULL

-- SQLite triggers. Each write subtracts the old row's key (when it was live) and adds the new one's; an update
-- fires only when something the rollup keys on changed.
-- @stmt sqlite
CREATE TRIGGER interactions_rollup_insert AFTER INSERT ON interactions WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO interaction_rollup (day, channel, direction, user_id, campaign_id, with_contact, synced, n)
    VALUES (new.occurred_at / 86400000, new.channel, new.direction, COALESCE(new.user_id, 0),
            COALESCE(new.campaign_id, 0), CASE WHEN new.contact_id IS NULL THEN 0 ELSE 1 END,
            CASE WHEN new.source = 'manual' THEN 0 ELSE 1 END, 1)
    ON CONFLICT (day, channel, direction, user_id, campaign_id, with_contact, synced) DO UPDATE SET n = n + 1;
END

-- @stmt sqlite
CREATE TRIGGER interactions_rollup_delete AFTER DELETE ON interactions WHEN old.deleted_at IS NULL BEGIN
    UPDATE interaction_rollup SET n = n - 1
    WHERE day = old.occurred_at / 86400000 AND channel = old.channel AND direction = old.direction
      AND user_id = COALESCE(old.user_id, 0) AND campaign_id = COALESCE(old.campaign_id, 0)
      AND with_contact = CASE WHEN old.contact_id IS NULL THEN 0 ELSE 1 END
      AND synced = CASE WHEN old.source = 'manual' THEN 0 ELSE 1 END;
END

-- @stmt sqlite
CREATE TRIGGER interactions_rollup_update
AFTER UPDATE OF occurred_at, channel, direction, user_id, campaign_id, contact_id, source, deleted_at ON interactions
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
  OR (new.deleted_at IS NULL AND (old.occurred_at / 86400000 <> new.occurred_at / 86400000
      OR old.channel <> new.channel OR old.direction <> new.direction OR old.user_id IS NOT new.user_id
      OR old.campaign_id IS NOT new.campaign_id OR (old.contact_id IS NULL) <> (new.contact_id IS NULL)
      OR (old.source = 'manual') <> (new.source = 'manual')))
BEGIN
    UPDATE interaction_rollup SET n = n - 1
    WHERE old.deleted_at IS NULL AND day = old.occurred_at / 86400000 AND channel = old.channel
      AND direction = old.direction AND user_id = COALESCE(old.user_id, 0)
      AND campaign_id = COALESCE(old.campaign_id, 0)
      AND with_contact = CASE WHEN old.contact_id IS NULL THEN 0 ELSE 1 END
      AND synced = CASE WHEN old.source = 'manual' THEN 0 ELSE 1 END;
    INSERT INTO interaction_rollup (day, channel, direction, user_id, campaign_id, with_contact, synced, n)
    SELECT new.occurred_at / 86400000, new.channel, new.direction, COALESCE(new.user_id, 0),
           COALESCE(new.campaign_id, 0), CASE WHEN new.contact_id IS NULL THEN 0 ELSE 1 END,
           CASE WHEN new.source = 'manual' THEN 0 ELSE 1 END, 1
    WHERE new.deleted_at IS NULL
    ON CONFLICT (day, channel, direction, user_id, campaign_id, with_contact, synced) DO UPDATE SET n = n + 1;
END

-- @stmt sqlite
CREATE TRIGGER pitches_rollup_insert AFTER INSERT ON pitches WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO pitch_rollup (day, campaign_id, user_id, status, pitched, replied, n)
    VALUES (COALESCE(new.pitched_at, new.created_at) / 86400000, new.campaign_id, COALESCE(new.user_id, 0),
            new.status, CASE WHEN new.pitched_at IS NULL THEN 0 ELSE 1 END,
            CASE WHEN new.replied_at >= new.pitched_at AND new.replied_at <= new.pitched_at + 1209600000
                 THEN 1 ELSE 0 END, 1)
    ON CONFLICT (day, campaign_id, user_id, status, pitched, replied) DO UPDATE SET n = n + 1;
END

-- @stmt sqlite
CREATE TRIGGER pitches_rollup_delete AFTER DELETE ON pitches WHEN old.deleted_at IS NULL BEGIN
    UPDATE pitch_rollup SET n = n - 1
    WHERE day = COALESCE(old.pitched_at, old.created_at) / 86400000 AND campaign_id = old.campaign_id
      AND user_id = COALESCE(old.user_id, 0) AND status = old.status
      AND pitched = CASE WHEN old.pitched_at IS NULL THEN 0 ELSE 1 END
      AND replied = CASE WHEN old.replied_at >= old.pitched_at AND old.replied_at <= old.pitched_at + 1209600000
                         THEN 1 ELSE 0 END;
END

-- @stmt sqlite
CREATE TRIGGER pitches_rollup_update
AFTER UPDATE OF campaign_id, user_id, status, pitched_at, replied_at, created_at, deleted_at ON pitches
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
  OR (new.deleted_at IS NULL AND (old.campaign_id <> new.campaign_id OR old.user_id IS NOT new.user_id
      OR old.status <> new.status OR old.pitched_at IS NOT new.pitched_at OR old.replied_at IS NOT new.replied_at
      OR old.created_at <> new.created_at))
BEGIN
    UPDATE pitch_rollup SET n = n - 1
    WHERE old.deleted_at IS NULL AND day = COALESCE(old.pitched_at, old.created_at) / 86400000
      AND campaign_id = old.campaign_id AND user_id = COALESCE(old.user_id, 0) AND status = old.status
      AND pitched = CASE WHEN old.pitched_at IS NULL THEN 0 ELSE 1 END
      AND replied = CASE WHEN old.replied_at >= old.pitched_at AND old.replied_at <= old.pitched_at + 1209600000
                         THEN 1 ELSE 0 END;
    INSERT INTO pitch_rollup (day, campaign_id, user_id, status, pitched, replied, n)
    SELECT COALESCE(new.pitched_at, new.created_at) / 86400000, new.campaign_id, COALESCE(new.user_id, 0),
           new.status, CASE WHEN new.pitched_at IS NULL THEN 0 ELSE 1 END,
           CASE WHEN new.replied_at >= new.pitched_at AND new.replied_at <= new.pitched_at + 1209600000
                THEN 1 ELSE 0 END, 1
    WHERE new.deleted_at IS NULL
    ON CONFLICT (day, campaign_id, user_id, status, pitched, replied) DO UPDATE SET n = n + 1;
END

-- @stmt sqlite
CREATE TRIGGER coverage_rollup_insert AFTER INSERT ON coverage
WHEN new.deleted_at IS NULL AND new.published_at IS NOT NULL BEGIN
    INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach)
    VALUES (new.published_at / 86400000, COALESCE(new.campaign_id, 0),
            COALESCE((SELECT user_id FROM pitches WHERE id = new.pitch_id), 0), COALESCE(new.sentiment, 2), 1,
            COALESCE(new.reach, 0))
    ON CONFLICT (day, campaign_id, user_id, sentiment)
    DO UPDATE SET n = n + 1, reach = reach + excluded.reach;
END

-- @stmt sqlite
CREATE TRIGGER coverage_rollup_delete AFTER DELETE ON coverage
WHEN old.deleted_at IS NULL AND old.published_at IS NOT NULL BEGIN
    UPDATE coverage_rollup SET n = n - 1, reach = reach - COALESCE(old.reach, 0)
    WHERE day = old.published_at / 86400000 AND campaign_id = COALESCE(old.campaign_id, 0)
      AND user_id = COALESCE((SELECT user_id FROM pitches WHERE id = old.pitch_id), 0)
      AND sentiment = COALESCE(old.sentiment, 2);
END

-- @stmt sqlite
CREATE TRIGGER coverage_rollup_update
AFTER UPDATE OF published_at, campaign_id, pitch_id, sentiment, reach, deleted_at ON coverage
WHEN (old.deleted_at IS NULL AND old.published_at IS NOT NULL) OR (new.deleted_at IS NULL AND new.published_at IS NOT NULL)
BEGIN
    UPDATE coverage_rollup SET n = n - 1, reach = reach - COALESCE(old.reach, 0)
    WHERE old.deleted_at IS NULL AND old.published_at IS NOT NULL AND day = old.published_at / 86400000
      AND campaign_id = COALESCE(old.campaign_id, 0)
      AND user_id = COALESCE((SELECT user_id FROM pitches WHERE id = old.pitch_id), 0)
      AND sentiment = COALESCE(old.sentiment, 2);
    INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach)
    SELECT new.published_at / 86400000, COALESCE(new.campaign_id, 0),
           COALESCE((SELECT user_id FROM pitches WHERE id = new.pitch_id), 0), COALESCE(new.sentiment, 2), 1,
           COALESCE(new.reach, 0)
    WHERE new.deleted_at IS NULL AND new.published_at IS NOT NULL
    ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = n + 1, reach = reach + excluded.reach;
END

-- A pitch's account manager keys its coverage: moving the pitch to another one moves the coverage's counts.
-- @stmt sqlite
CREATE TRIGGER pitches_coverage_rollup_user AFTER UPDATE OF user_id ON pitches
WHEN old.user_id IS NOT new.user_id BEGIN
    INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach)
    SELECT published_at / 86400000, COALESCE(campaign_id, 0), COALESCE(old.user_id, 0), COALESCE(sentiment, 2),
           -count(*), -COALESCE(sum(reach), 0)
    FROM coverage WHERE pitch_id = new.id AND deleted_at IS NULL AND published_at IS NOT NULL
    GROUP BY published_at / 86400000, COALESCE(campaign_id, 0), COALESCE(sentiment, 2)
    ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = n + excluded.n, reach = reach + excluded.reach;
    INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach)
    SELECT published_at / 86400000, COALESCE(campaign_id, 0), COALESCE(new.user_id, 0), COALESCE(sentiment, 2),
           count(*), COALESCE(sum(reach), 0)
    FROM coverage WHERE pitch_id = new.id AND deleted_at IS NULL AND published_at IS NOT NULL
    GROUP BY published_at / 86400000, COALESCE(campaign_id, 0), COALESCE(sentiment, 2)
    ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = n + excluded.n, reach = reach + excluded.reach;
END

-- A pitch deleted for good: its coverage loses the link (ON DELETE SET NULL, after the pitch row is gone, so
-- coverage_rollup_update then sees no account manager on either side): move the counts to "none" first.
-- @stmt sqlite
CREATE TRIGGER pitches_coverage_rollup_delete BEFORE DELETE ON pitches WHEN old.user_id IS NOT NULL BEGIN
    INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach)
    SELECT published_at / 86400000, COALESCE(campaign_id, 0), old.user_id, COALESCE(sentiment, 2),
           -count(*), -COALESCE(sum(reach), 0)
    FROM coverage WHERE pitch_id = old.id AND deleted_at IS NULL AND published_at IS NOT NULL
    GROUP BY published_at / 86400000, COALESCE(campaign_id, 0), COALESCE(sentiment, 2)
    ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = n + excluded.n, reach = reach + excluded.reach;
    INSERT INTO coverage_rollup (day, campaign_id, user_id, sentiment, n, reach)
    SELECT published_at / 86400000, COALESCE(campaign_id, 0), 0, COALESCE(sentiment, 2),
           count(*), COALESCE(sum(reach), 0)
    FROM coverage WHERE pitch_id = old.id AND deleted_at IS NULL AND published_at IS NOT NULL
    GROUP BY published_at / 86400000, COALESCE(campaign_id, 0), COALESCE(sentiment, 2)
    ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = n + excluded.n, reach = reach + excluded.reach;
END

-- @stmt sqlite
CREATE TRIGGER engagement_events_rollup_insert AFTER INSERT ON engagement_events BEGIN
    INSERT INTO engagement_rollup (day, kind, n) VALUES (new.occurred_at / 86400000, new.kind, 1)
    ON CONFLICT (day, kind) DO UPDATE SET n = n + 1;
END

-- @stmt sqlite
CREATE TRIGGER engagement_events_rollup_delete AFTER DELETE ON engagement_events BEGIN
    UPDATE engagement_rollup SET n = n - 1 WHERE day = old.occurred_at / 86400000 AND kind = old.kind;
END

-- @stmt sqlite
CREATE TRIGGER engagement_events_rollup_update AFTER UPDATE OF occurred_at, kind ON engagement_events
WHEN old.occurred_at / 86400000 <> new.occurred_at / 86400000 OR old.kind <> new.kind BEGIN
    UPDATE engagement_rollup SET n = n - 1 WHERE day = old.occurred_at / 86400000 AND kind = old.kind;
    INSERT INTO engagement_rollup (day, kind, n) VALUES (new.occurred_at / 86400000, new.kind, 1)
    ON CONFLICT (day, kind) DO UPDATE SET n = n + 1;
END

-- PostgreSQL: one trigger function per table, the same steps. Integer division of BIGINT truncates as in SQLite.
-- @stmt postgres
CREATE FUNCTION rapport_interaction_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.deleted_at IS NULL THEN
            IF TG_OP = 'UPDATE' THEN
                IF NEW.deleted_at IS NULL AND OLD.occurred_at / 86400000 = NEW.occurred_at / 86400000
                   AND OLD.channel = NEW.channel AND OLD.direction = NEW.direction
                   AND OLD.user_id IS NOT DISTINCT FROM NEW.user_id
                   AND OLD.campaign_id IS NOT DISTINCT FROM NEW.campaign_id
                   AND (OLD.contact_id IS NULL) = (NEW.contact_id IS NULL)
                   AND (OLD.source = 'manual') = (NEW.source = 'manual') THEN
                    RETURN NULL;
                END IF;
            END IF;
            UPDATE interaction_rollup SET n = n - 1
            WHERE day = OLD.occurred_at / 86400000 AND channel = OLD.channel AND direction = OLD.direction
              AND user_id = COALESCE(OLD.user_id, 0) AND campaign_id = COALESCE(OLD.campaign_id, 0)
              AND with_contact = CASE WHEN OLD.contact_id IS NULL THEN 0 ELSE 1 END
              AND synced = CASE WHEN OLD.source = 'manual' THEN 0 ELSE 1 END;
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN NULL;
        END IF;
    END IF;
    IF NEW.deleted_at IS NULL THEN
        INSERT INTO interaction_rollup AS r (day, channel, direction, user_id, campaign_id, with_contact, synced, n)
        VALUES (NEW.occurred_at / 86400000, NEW.channel, NEW.direction, COALESCE(NEW.user_id, 0),
                COALESCE(NEW.campaign_id, 0), CASE WHEN NEW.contact_id IS NULL THEN 0 ELSE 1 END,
                CASE WHEN NEW.source = 'manual' THEN 0 ELSE 1 END, 1)
        ON CONFLICT (day, channel, direction, user_id, campaign_id, with_contact, synced) DO UPDATE SET n = r.n + 1;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER interactions_rollup
AFTER INSERT OR DELETE OR UPDATE OF occurred_at, channel, direction, user_id, campaign_id, contact_id, source, deleted_at
ON interactions FOR EACH ROW EXECUTE FUNCTION rapport_interaction_rollup()

-- @stmt postgres
CREATE FUNCTION rapport_pitch_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.deleted_at IS NULL THEN
            IF TG_OP = 'UPDATE' THEN
                IF NEW.deleted_at IS NULL AND OLD.campaign_id = NEW.campaign_id
                   AND OLD.user_id IS NOT DISTINCT FROM NEW.user_id AND OLD.status = NEW.status
                   AND OLD.pitched_at IS NOT DISTINCT FROM NEW.pitched_at
                   AND OLD.replied_at IS NOT DISTINCT FROM NEW.replied_at AND OLD.created_at = NEW.created_at THEN
                    RETURN NULL;
                END IF;
            END IF;
            UPDATE pitch_rollup SET n = n - 1
            WHERE day = COALESCE(OLD.pitched_at, OLD.created_at) / 86400000 AND campaign_id = OLD.campaign_id
              AND user_id = COALESCE(OLD.user_id, 0) AND status = OLD.status
              AND pitched = CASE WHEN OLD.pitched_at IS NULL THEN 0 ELSE 1 END
              AND replied = CASE WHEN OLD.replied_at >= OLD.pitched_at
                                      AND OLD.replied_at <= OLD.pitched_at + 1209600000 THEN 1 ELSE 0 END;
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN NULL;
        END IF;
    END IF;
    IF NEW.deleted_at IS NULL THEN
        INSERT INTO pitch_rollup AS r (day, campaign_id, user_id, status, pitched, replied, n)
        VALUES (COALESCE(NEW.pitched_at, NEW.created_at) / 86400000, NEW.campaign_id, COALESCE(NEW.user_id, 0),
                NEW.status, CASE WHEN NEW.pitched_at IS NULL THEN 0 ELSE 1 END,
                CASE WHEN NEW.replied_at >= NEW.pitched_at AND NEW.replied_at <= NEW.pitched_at + 1209600000
                     THEN 1 ELSE 0 END, 1)
        ON CONFLICT (day, campaign_id, user_id, status, pitched, replied) DO UPDATE SET n = r.n + 1;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER pitches_rollup
AFTER INSERT OR DELETE OR UPDATE OF campaign_id, user_id, status, pitched_at, replied_at, created_at, deleted_at
ON pitches FOR EACH ROW EXECUTE FUNCTION rapport_pitch_rollup()

-- @stmt postgres
CREATE FUNCTION rapport_coverage_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.deleted_at IS NULL AND OLD.published_at IS NOT NULL THEN
            UPDATE coverage_rollup SET n = n - 1, reach = reach - COALESCE(OLD.reach, 0)
            WHERE day = OLD.published_at / 86400000 AND campaign_id = COALESCE(OLD.campaign_id, 0)
              AND user_id = COALESCE((SELECT p.user_id FROM pitches p WHERE p.id = OLD.pitch_id), 0)
              AND sentiment = COALESCE(OLD.sentiment, 2);
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN NULL;
        END IF;
    END IF;
    IF NEW.deleted_at IS NULL AND NEW.published_at IS NOT NULL THEN
        INSERT INTO coverage_rollup AS r (day, campaign_id, user_id, sentiment, n, reach)
        VALUES (NEW.published_at / 86400000, COALESCE(NEW.campaign_id, 0),
                COALESCE((SELECT p.user_id FROM pitches p WHERE p.id = NEW.pitch_id), 0),
                COALESCE(NEW.sentiment, 2), 1, COALESCE(NEW.reach, 0))
        ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = r.n + 1, reach = r.reach + EXCLUDED.reach;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER coverage_rollup
AFTER INSERT OR DELETE OR UPDATE OF published_at, campaign_id, pitch_id, sentiment, reach, deleted_at
ON coverage FOR EACH ROW EXECUTE FUNCTION rapport_coverage_rollup()

-- A pitch's coverage moves from one account manager's counts to another's (`from_user` to `to_user`).
-- @stmt postgres
CREATE FUNCTION rapport_move_coverage_rollup(pitch BIGINT, from_user BIGINT, to_user BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO coverage_rollup AS r (day, campaign_id, user_id, sentiment, n, reach)
    SELECT published_at / 86400000, COALESCE(campaign_id, 0), u.user_id, COALESCE(sentiment, 2),
           u.sign * count(*), u.sign * COALESCE(sum(reach), 0)
    FROM coverage CROSS JOIN (VALUES (from_user, -1), (to_user, 1)) AS u (user_id, sign)
    WHERE pitch_id = pitch AND deleted_at IS NULL AND published_at IS NOT NULL
    GROUP BY published_at / 86400000, COALESCE(campaign_id, 0), u.user_id, u.sign, COALESCE(sentiment, 2)
    ON CONFLICT (day, campaign_id, user_id, sentiment) DO UPDATE SET n = r.n + EXCLUDED.n, reach = r.reach + EXCLUDED.reach
$$

-- @stmt postgres
CREATE FUNCTION rapport_pitch_coverage_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- Before the row goes: ON DELETE SET NULL on coverage.pitch_id then sees no account manager on either side.
        PERFORM rapport_move_coverage_rollup(OLD.id, COALESCE(OLD.user_id, 0), 0);
        RETURN OLD;
    END IF;
    PERFORM rapport_move_coverage_rollup(NEW.id, COALESCE(OLD.user_id, 0), COALESCE(NEW.user_id, 0));
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER pitches_coverage_rollup_user AFTER UPDATE OF user_id ON pitches
FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id) EXECUTE FUNCTION rapport_pitch_coverage_rollup()

-- @stmt postgres
CREATE TRIGGER pitches_coverage_rollup_delete BEFORE DELETE ON pitches
FOR EACH ROW WHEN (OLD.user_id IS NOT NULL) EXECUTE FUNCTION rapport_pitch_coverage_rollup()

-- @stmt postgres
CREATE FUNCTION rapport_engagement_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF TG_OP = 'UPDATE' THEN
            IF OLD.occurred_at / 86400000 = NEW.occurred_at / 86400000 AND OLD.kind = NEW.kind THEN
                RETURN NULL;
            END IF;
        END IF;
        UPDATE engagement_rollup SET n = n - 1 WHERE day = OLD.occurred_at / 86400000 AND kind = OLD.kind;
        IF TG_OP = 'DELETE' THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO engagement_rollup AS r (day, kind, n) VALUES (NEW.occurred_at / 86400000, NEW.kind, 1)
    ON CONFLICT (day, kind) DO UPDATE SET n = r.n + 1;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER engagement_events_rollup AFTER INSERT OR DELETE OR UPDATE OF occurred_at, kind ON engagement_events
FOR EACH ROW EXECUTE FUNCTION rapport_engagement_rollup()

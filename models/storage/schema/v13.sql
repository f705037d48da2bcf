-- Rapport schema version 13: monthly rollups beside the daily ones of v10, so that long periods read few rows
-- (issue 12, docs/PERFORMANCE.md "Dashboard"). Same format as v1.sql. Only additions; the migration fills them from
-- the daily rollups afterwards (Rollups::rebuild does the same after a bulk load).
--
-- Each table counts what its daily rollup counts, per UTC month: `month` is the day number (days since
-- 1970-01-01, as the daily rollups' `day`) of the month's first day. interaction_rollup_month has no campaign
-- column (a campaign filter reads the daily rollup): that makes it 30 times smaller than the daily one. The
-- monthly rows are kept from the daily ones: triggers on each daily rollup add every change of a daily row (an
-- insert, a new count, a delete) to its month, in the same transaction, so every write path that keeps the daily
-- rollups (v10's triggers on the rows) keeps the monthly ones too. The daily rollups' keys are never updated,
-- only their counts. Rollups::rebuild takes these triggers away while it refills the daily rollups and fills the
-- monthly ones with one GROUP BY over them.

-- @stmt sqlite
CREATE TABLE interaction_rollup_month (
    month BIGINT NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    with_contact INTEGER NOT NULL,
    synced INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, channel, direction, user_id, with_contact, synced)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE interaction_rollup_month (
    month BIGINT NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    with_contact INTEGER NOT NULL,
    synced INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, channel, direction, user_id, with_contact, synced)
)

-- @stmt sqlite
CREATE TABLE pitch_rollup_month (
    month BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    pitched INTEGER NOT NULL,
    replied INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, campaign_id, user_id, status, pitched, replied)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE pitch_rollup_month (
    month BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    pitched INTEGER NOT NULL,
    replied INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, campaign_id, user_id, status, pitched, replied)
)

-- @stmt sqlite
CREATE TABLE coverage_rollup_month (
    month BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    sentiment INTEGER NOT NULL,
    n BIGINT NOT NULL,
    reach BIGINT NOT NULL,
    PRIMARY KEY (month, campaign_id, user_id, sentiment)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE coverage_rollup_month (
    month BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    sentiment INTEGER NOT NULL,
    n BIGINT NOT NULL,
    reach BIGINT NOT NULL,
    PRIMARY KEY (month, campaign_id, user_id, sentiment)
)

-- @stmt sqlite
CREATE TABLE engagement_rollup_month (
    month BIGINT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, kind)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE engagement_rollup_month (
    month BIGINT NOT NULL,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, kind)
)

-- @stmt sqlite
CREATE TRIGGER interaction_rollup_month_insert AFTER INSERT ON interaction_rollup BEGIN
    INSERT INTO interaction_rollup_month (month, channel, direction, user_id, with_contact, synced, n)
    VALUES (new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1, new.channel, new.direction, new.user_id, new.with_contact, new.synced, new.n)
    ON CONFLICT (month, channel, direction, user_id, with_contact, synced) DO UPDATE SET n = n + excluded.n;
END

-- @stmt sqlite
CREATE TRIGGER interaction_rollup_month_update AFTER UPDATE OF n ON interaction_rollup BEGIN
    UPDATE interaction_rollup_month SET n = n + new.n - old.n
    WHERE month = new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1 AND channel = new.channel AND direction = new.direction AND user_id = new.user_id AND with_contact = new.with_contact AND synced = new.synced;
END

-- @stmt sqlite
CREATE TRIGGER interaction_rollup_month_delete AFTER DELETE ON interaction_rollup BEGIN
    UPDATE interaction_rollup_month SET n = n - old.n
    WHERE month = old.day - CAST(strftime('%d', old.day * 86400, 'unixepoch') AS INTEGER) + 1 AND channel = old.channel AND direction = old.direction AND user_id = old.user_id AND with_contact = old.with_contact AND synced = old.synced;
END

-- @stmt sqlite
CREATE TRIGGER pitch_rollup_month_insert AFTER INSERT ON pitch_rollup BEGIN
    INSERT INTO pitch_rollup_month (month, campaign_id, user_id, status, pitched, replied, n)
    VALUES (new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1, new.campaign_id, new.user_id, new.status, new.pitched, new.replied, new.n)
    ON CONFLICT (month, campaign_id, user_id, status, pitched, replied) DO UPDATE SET n = n + excluded.n;
END

-- @stmt sqlite
CREATE TRIGGER pitch_rollup_month_update AFTER UPDATE OF n ON pitch_rollup BEGIN
    UPDATE pitch_rollup_month SET n = n + new.n - old.n
    WHERE month = new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1 AND campaign_id = new.campaign_id AND user_id = new.user_id AND status = new.status AND pitched = new.pitched AND replied = new.replied;
END

-- @stmt sqlite
CREATE TRIGGER pitch_rollup_month_delete AFTER DELETE ON pitch_rollup BEGIN
    UPDATE pitch_rollup_month SET n = n - old.n
    WHERE month = old.day - CAST(strftime('%d', old.day * 86400, 'unixepoch') AS INTEGER) + 1 AND campaign_id = old.campaign_id AND user_id = old.user_id AND status = old.status AND pitched = old.pitched AND replied = old.replied;
END

-- @stmt sqlite
CREATE TRIGGER coverage_rollup_month_insert AFTER INSERT ON coverage_rollup BEGIN
    INSERT INTO coverage_rollup_month (month, campaign_id, user_id, sentiment, n, reach)
    VALUES (new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1, new.campaign_id, new.user_id, new.sentiment, new.n, new.reach)
    ON CONFLICT (month, campaign_id, user_id, sentiment) DO UPDATE SET n = n + excluded.n, reach = reach + excluded.reach;
END

-- @stmt sqlite
CREATE TRIGGER coverage_rollup_month_update AFTER UPDATE OF n, reach ON coverage_rollup BEGIN
    UPDATE coverage_rollup_month SET n = n + new.n - old.n, reach = reach + new.reach - old.reach
    WHERE month = new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1 AND campaign_id = new.campaign_id AND user_id = new.user_id AND sentiment = new.sentiment;
END

-- @stmt sqlite
CREATE TRIGGER coverage_rollup_month_delete AFTER DELETE ON coverage_rollup BEGIN
    UPDATE coverage_rollup_month SET n = n - old.n, reach = reach - old.reach
    WHERE month = old.day - CAST(strftime('%d', old.day * 86400, 'unixepoch') AS INTEGER) + 1 AND campaign_id = old.campaign_id AND user_id = old.user_id AND sentiment = old.sentiment;
END

-- @stmt sqlite
CREATE TRIGGER engagement_rollup_month_insert AFTER INSERT ON engagement_rollup BEGIN
    INSERT INTO engagement_rollup_month (month, kind, n)
    VALUES (new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1, new.kind, new.n)
    ON CONFLICT (month, kind) DO UPDATE SET n = n + excluded.n;
END

-- @stmt sqlite
CREATE TRIGGER engagement_rollup_month_update AFTER UPDATE OF n ON engagement_rollup BEGIN
    UPDATE engagement_rollup_month SET n = n + new.n - old.n
    WHERE month = new.day - CAST(strftime('%d', new.day * 86400, 'unixepoch') AS INTEGER) + 1 AND kind = new.kind;
END

-- @stmt sqlite
CREATE TRIGGER engagement_rollup_month_delete AFTER DELETE ON engagement_rollup BEGIN
    UPDATE engagement_rollup_month SET n = n - old.n
    WHERE month = old.day - CAST(strftime('%d', old.day * 86400, 'unixepoch') AS INTEGER) + 1 AND kind = old.kind;
END

-- PostgreSQL: one trigger function per daily rollup, the same steps.

-- @stmt postgres
CREATE FUNCTION rapport_interaction_rollup_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO interaction_rollup_month AS m (month, channel, direction, user_id, with_contact, synced, n)
        VALUES (NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1, NEW.channel, NEW.direction, NEW.user_id, NEW.with_contact, NEW.synced, NEW.n)
        ON CONFLICT (month, channel, direction, user_id, with_contact, synced) DO UPDATE SET n = m.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE interaction_rollup_month SET n = n + NEW.n - OLD.n
        WHERE month = NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1 AND channel = NEW.channel AND direction = NEW.direction AND user_id = NEW.user_id AND with_contact = NEW.with_contact AND synced = NEW.synced;
    ELSE
        UPDATE interaction_rollup_month SET n = n - OLD.n
        WHERE month = OLD.day - extract(day FROM DATE '1970-01-01' + OLD.day::integer)::bigint + 1 AND channel = OLD.channel AND direction = OLD.direction AND user_id = OLD.user_id AND with_contact = OLD.with_contact AND synced = OLD.synced;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER interaction_rollup_month AFTER INSERT OR DELETE OR UPDATE OF n ON interaction_rollup
FOR EACH ROW EXECUTE FUNCTION rapport_interaction_rollup_month()

-- @stmt postgres
CREATE FUNCTION rapport_pitch_rollup_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO pitch_rollup_month AS m (month, campaign_id, user_id, status, pitched, replied, n)
        VALUES (NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1, NEW.campaign_id, NEW.user_id, NEW.status, NEW.pitched, NEW.replied, NEW.n)
        ON CONFLICT (month, campaign_id, user_id, status, pitched, replied) DO UPDATE SET n = m.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE pitch_rollup_month SET n = n + NEW.n - OLD.n
        WHERE month = NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1 AND campaign_id = NEW.campaign_id AND user_id = NEW.user_id AND status = NEW.status AND pitched = NEW.pitched AND replied = NEW.replied;
    ELSE
        UPDATE pitch_rollup_month SET n = n - OLD.n
        WHERE month = OLD.day - extract(day FROM DATE '1970-01-01' + OLD.day::integer)::bigint + 1 AND campaign_id = OLD.campaign_id AND user_id = OLD.user_id AND status = OLD.status AND pitched = OLD.pitched AND replied = OLD.replied;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER pitch_rollup_month AFTER INSERT OR DELETE OR UPDATE OF n ON pitch_rollup
FOR EACH ROW EXECUTE FUNCTION rapport_pitch_rollup_month()

-- @stmt postgres
CREATE FUNCTION rapport_coverage_rollup_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO coverage_rollup_month AS m (month, campaign_id, user_id, sentiment, n, reach)
        VALUES (NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1, NEW.campaign_id, NEW.user_id, NEW.sentiment, NEW.n, NEW.reach)
        ON CONFLICT (month, campaign_id, user_id, sentiment) DO UPDATE SET n = m.n + EXCLUDED.n, reach = m.reach + EXCLUDED.reach;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE coverage_rollup_month SET n = n + NEW.n - OLD.n, reach = reach + NEW.reach - OLD.reach
        WHERE month = NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1 AND campaign_id = NEW.campaign_id AND user_id = NEW.user_id AND sentiment = NEW.sentiment;
    ELSE
        UPDATE coverage_rollup_month SET n = n - OLD.n, reach = reach - OLD.reach
        WHERE month = OLD.day - extract(day FROM DATE '1970-01-01' + OLD.day::integer)::bigint + 1 AND campaign_id = OLD.campaign_id AND user_id = OLD.user_id AND sentiment = OLD.sentiment;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER coverage_rollup_month AFTER INSERT OR DELETE OR UPDATE OF n, reach ON coverage_rollup
FOR EACH ROW EXECUTE FUNCTION rapport_coverage_rollup_month()

-- @stmt postgres
CREATE FUNCTION rapport_engagement_rollup_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO engagement_rollup_month AS m (month, kind, n)
        VALUES (NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1, NEW.kind, NEW.n)
        ON CONFLICT (month, kind) DO UPDATE SET n = m.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE engagement_rollup_month SET n = n + NEW.n - OLD.n
        WHERE month = NEW.day - extract(day FROM DATE '1970-01-01' + NEW.day::integer)::bigint + 1 AND kind = NEW.kind;
    ELSE
        UPDATE engagement_rollup_month SET n = n - OLD.n
        WHERE month = OLD.day - extract(day FROM DATE '1970-01-01' + OLD.day::integer)::bigint + 1 AND kind = OLD.kind;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER engagement_rollup_month AFTER INSERT OR DELETE OR UPDATE OF n ON engagement_rollup
FOR EACH ROW EXECUTE FUNCTION rapport_engagement_rollup_month()

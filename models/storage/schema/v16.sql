-- Rapport schema version 16: the live conversations per contact and UTC month, so that the dashboard's top
-- relationships over many months count a few hundred contacts instead of every conversation of the period (issue
-- 12, docs/PERFORMANCE.md "Top relationships from a per-contact rollup"). Same format as v1.sql. Only additions; the
-- migration fills the table from the rows afterwards (Rollups::rebuild does the same after a bulk load).
--
-- contact_rollup_month counts the live interactions with a contact (deleted_at IS NULL, contact_id set: what the
-- dashboard calls conversations) per contact and UTC month; `month` is the day number (days since 1970-01-01) of
-- the month's first day, as in v13's monthly rollups, of the day occurred_at / 86400000. It has no other column:
-- the dashboard uses it only as an upper bound (a contact's count in any filter is at most its counts in the
-- months the period touches) to choose the few contacts whose exact counts it then reads from the rows. A row
-- whose count drops to 0 stays, as in v10. Triggers on interactions keep it in the transaction of every write; a
-- bulk load takes them away with the other rollup triggers (their names say "rollup") and rebuilds.

-- @stmt sqlite
CREATE TABLE contact_rollup_month (
    contact_id BIGINT NOT NULL,
    month BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (contact_id, month)
) WITHOUT ROWID

-- @stmt postgres
CREATE TABLE contact_rollup_month (
    contact_id BIGINT NOT NULL,
    month BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (contact_id, month)
)

-- The busiest contacts of a month first: the dashboard reads, per month, the rows at or above a count.
-- @stmt all
CREATE INDEX contact_rollup_month_busy ON contact_rollup_month (month, n, contact_id)

-- @stmt sqlite
CREATE TRIGGER interactions_contact_rollup_insert AFTER INSERT ON interactions
WHEN new.deleted_at IS NULL AND new.contact_id IS NOT NULL BEGIN
    INSERT INTO contact_rollup_month (contact_id, month, n)
    VALUES (new.contact_id, new.occurred_at / 86400000
            - CAST(strftime('%d', (new.occurred_at / 86400000) * 86400, 'unixepoch') AS INTEGER) + 1, 1)
    ON CONFLICT (contact_id, month) DO UPDATE SET n = n + 1;
END

-- @stmt sqlite
CREATE TRIGGER interactions_contact_rollup_delete AFTER DELETE ON interactions
WHEN old.deleted_at IS NULL AND old.contact_id IS NOT NULL BEGIN
    UPDATE contact_rollup_month SET n = n - 1
    WHERE contact_id = old.contact_id AND month = old.occurred_at / 86400000
          - CAST(strftime('%d', (old.occurred_at / 86400000) * 86400, 'unixepoch') AS INTEGER) + 1;
END

-- @stmt sqlite
CREATE TRIGGER interactions_contact_rollup_update AFTER UPDATE OF occurred_at, contact_id, deleted_at ON interactions
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) OR old.contact_id IS NOT new.contact_id
  OR old.occurred_at / 86400000 <> new.occurred_at / 86400000
BEGIN
    UPDATE contact_rollup_month SET n = n - 1
    WHERE old.deleted_at IS NULL AND old.contact_id IS NOT NULL AND contact_id = old.contact_id
      AND month = old.occurred_at / 86400000
          - CAST(strftime('%d', (old.occurred_at / 86400000) * 86400, 'unixepoch') AS INTEGER) + 1;
    INSERT INTO contact_rollup_month (contact_id, month, n)
    SELECT new.contact_id, new.occurred_at / 86400000
           - CAST(strftime('%d', (new.occurred_at / 86400000) * 86400, 'unixepoch') AS INTEGER) + 1, 1
    WHERE new.deleted_at IS NULL AND new.contact_id IS NOT NULL
    ON CONFLICT (contact_id, month) DO UPDATE SET n = n + 1;
END

-- @stmt postgres
CREATE FUNCTION rapport_contact_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (OLD.deleted_at IS NULL) = (NEW.deleted_at IS NULL) AND OLD.contact_id IS NOT DISTINCT FROM NEW.contact_id
           AND OLD.occurred_at / 86400000 = NEW.occurred_at / 86400000 THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL AND OLD.contact_id IS NOT NULL THEN
        UPDATE contact_rollup_month SET n = n - 1
        WHERE contact_id = OLD.contact_id AND month = OLD.occurred_at / 86400000
              - extract(day FROM DATE '1970-01-01' + (OLD.occurred_at / 86400000)::integer)::bigint + 1;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL AND NEW.contact_id IS NOT NULL THEN
        INSERT INTO contact_rollup_month AS r (contact_id, month, n)
        VALUES (NEW.contact_id, NEW.occurred_at / 86400000
                - extract(day FROM DATE '1970-01-01' + (NEW.occurred_at / 86400000)::integer)::bigint + 1, 1)
        ON CONFLICT (contact_id, month) DO UPDATE SET n = r.n + 1;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER interactions_contact_rollup
AFTER INSERT OR DELETE OR UPDATE OF occurred_at, contact_id, deleted_at
ON interactions FOR EACH ROW EXECUTE FUNCTION rapport_contact_rollup()

-- Rapport schema version 3: the contact list sorted by outlet without a join (docs/PERFORMANCE.md).
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- Only additions: every version-2 row stays as it is.

-- The name of a contact's outlet when the organization is live, NULL when there is none or it is in the
-- trash: exactly what the list shows in its Outlet column (LEFT JOIN organizations ... deleted_at IS NULL).
-- Kept by the triggers below on every write (repositories, bulk actions, merges, sync, imports), so no
-- writer has to remember it; a bulk load that drops the triggers recomputes it (DeferredIndexes::restore).
-- With it the list sorted by outlet reads one index range like any other column, instead of walking the
-- outlets in name order with one lookup each (a search keystroke sorted by outlet was 18 ms p95).
-- @stmt all
ALTER TABLE contacts ADD COLUMN outlet_sort TEXT

-- @stmt all
UPDATE contacts SET outlet_sort = (SELECT o.name FROM organizations o
                                   WHERE o.id = contacts.organization_id AND o.deleted_at IS NULL)
WHERE organization_id IS NOT NULL

-- The contact list sorted by outlet, trash left out (as the other contacts_live_* indexes).
-- @stmt all
CREATE INDEX contacts_live_outlet ON contacts (outlet_sort, id) WHERE deleted_at IS NULL

-- SQLite: a trigger cannot change NEW, so the row is updated after it is written (only this column: the
-- full-text triggers, which fire on other columns, stay quiet).
-- @stmt sqlite
CREATE TRIGGER contacts_outlet_sort_insert AFTER INSERT ON contacts WHEN new.organization_id IS NOT NULL BEGIN
    UPDATE contacts SET outlet_sort = (SELECT o.name FROM organizations o
                                       WHERE o.id = new.organization_id AND o.deleted_at IS NULL)
    WHERE id = new.id;
END

-- @stmt sqlite
CREATE TRIGGER contacts_outlet_sort_update AFTER UPDATE OF organization_id ON contacts
WHEN old.organization_id IS NOT new.organization_id BEGIN
    UPDATE contacts SET outlet_sort = (SELECT o.name FROM organizations o
                                       WHERE o.id = new.organization_id AND o.deleted_at IS NULL)
    WHERE id = new.id;
END

-- Renamed, trashed or restored.
-- @stmt sqlite
CREATE TRIGGER organizations_outlet_sort_update AFTER UPDATE OF name, deleted_at ON organizations
WHEN old.name IS NOT new.name OR old.deleted_at IS NOT new.deleted_at BEGIN
    UPDATE contacts SET outlet_sort = CASE WHEN new.deleted_at IS NULL THEN new.name END
    WHERE organization_id = new.id;
END

-- Deleted for good: before the row goes (and before ON DELETE SET NULL clears the contacts' link).
-- @stmt sqlite
CREATE TRIGGER organizations_outlet_sort_delete BEFORE DELETE ON organizations BEGIN
    UPDATE contacts SET outlet_sort = NULL WHERE organization_id = old.id;
END

-- PostgreSQL: the row's value is set before it is written.
-- @stmt postgres
CREATE FUNCTION rapport_contact_outlet_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organization_id IS NULL THEN
        NEW.outlet_sort := NULL;
    ELSE
        -- No row (none or in the trash) leaves NULL.
        SELECT o.name INTO NEW.outlet_sort FROM organizations o
        WHERE o.id = NEW.organization_id AND o.deleted_at IS NULL;
    END IF;
    RETURN NEW;
END
$$

-- @stmt postgres
CREATE TRIGGER contacts_outlet_sort BEFORE INSERT OR UPDATE OF organization_id ON contacts
FOR EACH ROW EXECUTE FUNCTION rapport_contact_outlet_sort()

-- @stmt postgres
CREATE FUNCTION rapport_organization_outlet_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE contacts SET outlet_sort = NULL WHERE organization_id = OLD.id;
        RETURN OLD;
    END IF;
    UPDATE contacts SET outlet_sort = CASE WHEN NEW.deleted_at IS NULL THEN NEW.name END
    WHERE organization_id = NEW.id;
    RETURN NEW;
END
$$

-- @stmt postgres
CREATE TRIGGER organizations_outlet_sort_update AFTER UPDATE OF name, deleted_at ON organizations
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
EXECUTE FUNCTION rapport_organization_outlet_sort()

-- @stmt postgres
CREATE TRIGGER organizations_outlet_sort_delete BEFORE DELETE ON organizations
FOR EACH ROW EXECUTE FUNCTION rapport_organization_outlet_sort()

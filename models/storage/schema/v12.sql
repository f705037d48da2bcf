-- Rapport schema version 12: live changes for team mode (issue 14, docs/TEAM.md).
-- Same format as v1.sql: each statement starts with a "-- @stmt DIALECT" line (all, sqlite or postgres).
-- PostgreSQL only (an SQLite file has one writer at a time and no server to announce changes): after every
-- statement that wrote contacts, organizations, interactions, follow-ups, campaigns, content items, pitches,
-- coverage or ignored handles (the Inbox), the server sends a notification on the channel 'rapport_changes'
-- (LISTEN/NOTIFY, delivered at commit, dropped with a rollback). Its payload is JSON:
--   t: the table (ignored_handles: 'inbox'), p: the writing connection's backend pid (so a window can skip
--   its own writes), a: the newest audit log id at the time (LiveChannel catches up from the audit log after
--   a lost connection, since a notification is never replayed), ids / c / k: the rows, their contacts and
--   campaigns (for an update, before and after), or null when more than 100 rows changed ("not known
--   which"); i: true when an interaction without a contact (the Inbox) was among them.
-- One notification per statement, not per row, so bulk writes and the demo load stay cheap; the payload
-- stays far below PostgreSQL's 8000-byte limit. SECURITY DEFINER: writers need not be able to read the
-- audit log themselves (team roles).
-- @stmt postgres
CREATE FUNCTION rapport_notify_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    n BIGINT;
    r JSONB;
BEGIN
    SELECT count(*) INTO n FROM changed_rows;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    IF n <= 100 THEN
        IF TG_OP = 'UPDATE' THEN
            SELECT jsonb_agg(to_jsonb(x)) INTO r
            FROM (SELECT * FROM changed_rows UNION ALL SELECT * FROM old_rows) x;
        ELSE
            SELECT jsonb_agg(to_jsonb(x)) INTO r FROM changed_rows x;
        END IF;
    END IF;
    PERFORM pg_notify('rapport_changes', json_build_object(
        't', TG_ARGV[0],
        'p', pg_backend_pid(),
        'a', (SELECT max(id) FROM audit_log),
        'ids', CASE WHEN r IS NOT NULL THEN (SELECT coalesce(jsonb_agg(DISTINCT (e->>'id')::bigint), '[]')
                    FROM jsonb_array_elements(r) e WHERE e->>'id' IS NOT NULL) END,
        'c', CASE WHEN r IS NOT NULL THEN (SELECT coalesce(jsonb_agg(DISTINCT (e->>'contact_id')::bigint), '[]')
                  FROM jsonb_array_elements(r) e WHERE e->>'contact_id' IS NOT NULL) END,
        'k', CASE WHEN r IS NOT NULL THEN (SELECT coalesce(jsonb_agg(DISTINCT (e->>'campaign_id')::bigint), '[]')
                  FROM jsonb_array_elements(r) e WHERE e->>'campaign_id' IS NOT NULL) END,
        'i', coalesce((SELECT bool_or(e ? 'contact_id' AND e->>'contact_id' IS NULL)
                       FROM jsonb_array_elements(r) e), false)
    )::text);
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER contacts_notify_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('contacts')

-- @stmt postgres
CREATE TRIGGER contacts_notify_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('contacts')

-- @stmt postgres
CREATE TRIGGER contacts_notify_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('contacts')

-- @stmt postgres
CREATE TRIGGER organizations_notify_insert AFTER INSERT ON organizations REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('organizations')

-- @stmt postgres
CREATE TRIGGER organizations_notify_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('organizations')

-- @stmt postgres
CREATE TRIGGER organizations_notify_delete AFTER DELETE ON organizations REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('organizations')

-- @stmt postgres
CREATE TRIGGER interactions_notify_insert AFTER INSERT ON interactions REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('interactions')

-- @stmt postgres
CREATE TRIGGER interactions_notify_update AFTER UPDATE ON interactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('interactions')

-- @stmt postgres
CREATE TRIGGER interactions_notify_delete AFTER DELETE ON interactions REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('interactions')

-- @stmt postgres
CREATE TRIGGER follow_ups_notify_insert AFTER INSERT ON follow_ups REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('follow_ups')

-- @stmt postgres
CREATE TRIGGER follow_ups_notify_update AFTER UPDATE ON follow_ups REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('follow_ups')

-- @stmt postgres
CREATE TRIGGER follow_ups_notify_delete AFTER DELETE ON follow_ups REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('follow_ups')

-- @stmt postgres
CREATE TRIGGER campaigns_notify_insert AFTER INSERT ON campaigns REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('campaigns')

-- @stmt postgres
CREATE TRIGGER campaigns_notify_update AFTER UPDATE ON campaigns REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('campaigns')

-- @stmt postgres
CREATE TRIGGER campaigns_notify_delete AFTER DELETE ON campaigns REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('campaigns')

-- @stmt postgres
CREATE TRIGGER content_items_notify_insert AFTER INSERT ON content_items REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('content_items')

-- @stmt postgres
CREATE TRIGGER content_items_notify_update AFTER UPDATE ON content_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('content_items')

-- @stmt postgres
CREATE TRIGGER content_items_notify_delete AFTER DELETE ON content_items REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('content_items')

-- @stmt postgres
CREATE TRIGGER pitches_notify_insert AFTER INSERT ON pitches REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('pitches')

-- @stmt postgres
CREATE TRIGGER pitches_notify_update AFTER UPDATE ON pitches REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('pitches')

-- @stmt postgres
CREATE TRIGGER pitches_notify_delete AFTER DELETE ON pitches REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('pitches')

-- @stmt postgres
CREATE TRIGGER coverage_notify_insert AFTER INSERT ON coverage REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('coverage')

-- @stmt postgres
CREATE TRIGGER coverage_notify_update AFTER UPDATE ON coverage REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('coverage')

-- @stmt postgres
CREATE TRIGGER coverage_notify_delete AFTER DELETE ON coverage REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('coverage')

-- @stmt postgres
CREATE TRIGGER ignored_handles_notify_insert AFTER INSERT ON ignored_handles REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('inbox')

-- @stmt postgres
CREATE TRIGGER ignored_handles_notify_update AFTER UPDATE ON ignored_handles REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('inbox')

-- @stmt postgres
CREATE TRIGGER ignored_handles_notify_delete AFTER DELETE ON ignored_handles REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_notify_change('inbox')

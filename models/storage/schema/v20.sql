-- Rapport schema version 20: searching the conversations on PostgreSQL within a frame when a prefix is common
-- (issue 14, docs/PERFORMANCE.md "PostgreSQL search: the count of a common prefix (schema v20)"). Same format
-- as v1.sql. PostgreSQL only: on SQLite this version records itself and changes nothing.
--
-- A search ranks its matches only when there are at most 2,000 of them (SearchRepository, kRankLimit), and
-- finds that out by counting up to 2,001. For a prefix in 1-10 % of the million conversations of the large
-- demo ("ma" 57,000) that count is most of a search's time on PostgreSQL: the GIN index hands over the whole
-- posting list before the first row (its pages in a bitmap, sorted), and then ~2,000 rows are read from the
-- table to see that they are visible. A count only ever grows when conversations are added; it can only fall
-- when a conversation is deleted or its subject or body changes (by at most one per row). So:
--
-- interaction_prefix_floors holds, for each lexeme of interactions.search_prefixes (a prefix of 2 to 4 letters,
-- schema v17) that was in more than 2,000 conversations when it was counted, that number; every statement that
-- deletes conversations or changes a subject or body adds the number of such rows to interaction_prefix_slack
-- in its own transaction. So in every snapshot a lexeme is in at least floor - sum(slack) conversations, and
-- when that is more than 2,000 the search skips the count with the same outcome. Otherwise (or for a prefix
-- with no floor, several words, or a word of 5 letters or more) it counts as before. Adding conversations
-- costs nothing; rapport_count_interaction_prefixes() counts again (all conversations read once: ~10 s on the
-- large demo), here and after a bulk load (the demo).
--
-- What the triggers cannot see must count again: a later migration that changes how search_prefixes is
-- computed (rewriting a table fires no trigger), or a bulk path that disables these triggers.
--
-- Both tables are written only by the functions below (SECURITY DEFINER, owned by the schema's owner), not by
-- the team roles directly: a wrong floor would change which order a search shows.

-- @stmt postgres
CREATE TABLE interaction_prefix_floors (
    prefix TEXT PRIMARY KEY,
    floor INTEGER NOT NULL
)

-- @stmt postgres
CREATE TABLE interaction_prefix_slack (
    removed BIGINT NOT NULL
)

-- Statement triggers with transition tables: one small insert per statement, whatever the number of rows.
-- An update counts the rows whose prefix vector changed.
-- @stmt postgres
CREATE FUNCTION rapport_interaction_prefix_slack() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    n BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*) INTO n FROM old_rows;
    ELSE
        -- The rows whose prefix vector changed (an id changed too, which Rapport never does, counts as well).
        SELECT count(*) INTO n FROM old_rows o
        WHERE NOT EXISTS (SELECT 1 FROM new_rows r WHERE r.id = o.id AND r.search_prefixes = o.search_prefixes);
    END IF;
    IF n > 0 THEN
        INSERT INTO interaction_prefix_slack (removed) VALUES (n);
        -- Every search adds the slack up: now and then its rows become one. In one statement, so every
        -- snapshot sees either the rows or their sum; rows another transaction has not committed yet are
        -- not seen, so not taken.
        IF random() < 1.0 / 64 THEN
            WITH taken AS (DELETE FROM interaction_prefix_slack RETURNING removed)
            INSERT INTO interaction_prefix_slack (removed) SELECT sum(removed) FROM taken HAVING count(*) > 0;
        END IF;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER interactions_prefix_slack_delete AFTER DELETE ON interactions REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_interaction_prefix_slack()

-- @stmt postgres
CREATE TRIGGER interactions_prefix_slack_update AFTER UPDATE ON interactions
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION rapport_interaction_prefix_slack()

-- TRUNCATE removes rows without delete triggers: the floors go with them.
-- @stmt postgres
CREATE FUNCTION rapport_interaction_prefix_truncate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM interaction_prefix_floors;
    DELETE FROM interaction_prefix_slack;
    RETURN NULL;
END
$$

-- @stmt postgres
CREATE TRIGGER interactions_prefix_truncate AFTER TRUNCATE ON interactions
FOR EACH STATEMENT EXECUTE FUNCTION rapport_interaction_prefix_truncate()

-- Counts every lexeme of the conversations' prefix vectors again and keeps those in more than `more_than`
-- (SearchRepository's kRankLimit, 2,000), and empties the slack. The SHARE lock waits for the writers in
-- progress and holds off new ones until the end of the transaction, so the counts and the slack agree.
-- @stmt postgres
CREATE FUNCTION rapport_count_interaction_prefixes(more_than integer) RETURNS integer LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    n integer;
BEGIN
    LOCK TABLE interactions IN SHARE MODE;
    DELETE FROM interaction_prefix_slack;
    DELETE FROM interaction_prefix_floors;
    INSERT INTO interaction_prefix_floors (prefix, floor)
    SELECT word, ndoc FROM ts_stat('SELECT search_prefixes FROM interactions') WHERE ndoc > more_than;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$

-- Read by every role (the default privileges of v11), written only through the functions above.
-- @stmt postgres
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON interaction_prefix_floors, interaction_prefix_slack FROM PUBLIC, rapport_member

-- @stmt postgres
REVOKE EXECUTE ON FUNCTION rapport_count_interaction_prefixes(integer) FROM PUBLIC

-- @stmt postgres
GRANT EXECUTE ON FUNCTION rapport_count_interaction_prefixes(integer) TO rapport_manager

-- @stmt postgres
SELECT rapport_count_interaction_prefixes(2000)

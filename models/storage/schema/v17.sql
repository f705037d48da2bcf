-- Rapport schema version 17: search as you type on PostgreSQL within a frame (issue 14, docs/PERFORMANCE.md
-- "PostgreSQL search (schema v17)"). Same format as v1.sql. PostgreSQL only: SQLite's FTS5 tables already index
-- the 2- and 3-letter prefixes of every word (prefix = '2 3'), so there this version records itself and changes
-- nothing.
--
-- A prefix query on the tsvector GIN indexes of v1 ("th:*") first merges the posting lists of every word that
-- starts with the prefix (thousands for a 2-letter prefix: ~220 ms over a million interactions), and a prefix
-- query restricted to names ("so:*A") cannot use the index for its weight and walked the name order instead
-- (~300 ms for a prefix rare at the start of names). So, as FTS5's prefix index does, the 2-, 3- and 4-letter
-- prefixes of every word are lexemes of their own in a second vector, `search_prefixes`: a prefix of 2 to 4
-- letters is then one exact posting list. For contacts, the prefixes of the name's words (the lexemes that
-- have a weight-A position in search_vector) are also there marked with '#' ("#so"), so "names starting with so"
-- is one posting list too. rapport_fold() leaves no punctuation in a lexeme, so no word's prefix starts with '#'.
--
-- The vector is a generated column over the same expression as search_vector (a generated column may not read
-- another one), so every write path keeps it exact without a trigger. Queries (SearchRepository::postgresMatch)
-- use it for words of 2 to 4 letters a-z/0-9 and keep search_vector for the others and for the ranking, so
-- results and ranking are what the prefix query on search_vector gives (tst_search compares the two).

-- The 2-, 3- and 4-letter prefixes of the lexemes of v (a lexeme of 2 or 3 letters is its own longest prefix);
-- with names, also '#' and the prefixes of the lexemes that have a weight-A position.
-- @stmt postgres
CREATE FUNCTION rapport_prefixes(v tsvector, names boolean) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(coalesce(
        array_agg(left(u.lexeme, 2)) || array_agg(left(u.lexeme, 3)) || array_agg(left(u.lexeme, 4))
        || array_agg('#' || left(u.lexeme, 2)) FILTER (WHERE names AND 'A' = ANY (u.weights))
        || array_agg('#' || left(u.lexeme, 3)) FILTER (WHERE names AND 'A' = ANY (u.weights))
        || array_agg('#' || left(u.lexeme, 4)) FILTER (WHERE names AND 'A' = ANY (u.weights)),
        '{}'))
    FROM unnest(v) u
    WHERE char_length(u.lexeme) >= 2
$$

-- A search's exact lexemes as a tsquery ("'so' & '#ma'"), in place of a cast. PARALLEL UNSAFE on purpose: a
-- query that calls it gets no parallel plan. The planner guesses ~2,000 rows for a rare lexeme (it only knows
-- the common ones) and would start a worker to rank them, which costs 10-20 ms on a busy server; the search
-- queries read at most 2,001 matches or walk an index for 50. Immutable, so it is evaluated once while planning.
-- @stmt postgres
CREATE FUNCTION rapport_search_lexemes(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL UNSAFE AS $$
    SELECT q::tsquery
$$

-- Adding a stored generated column rewrites the table (and rebuilds its indexes): the large demo's million
-- interactions take about a minute (docs/PERFORMANCE.md). The index builds get more memory than the default.
-- @stmt postgres
SET LOCAL maintenance_work_mem = '256MB'

-- @stmt postgres
ALTER TABLE contacts ADD COLUMN search_prefixes tsvector GENERATED ALWAYS AS (rapport_prefixes(
    setweight(to_tsvector('simple', rapport_fold(display_name)), 'A') ||
    setweight(to_tsvector('simple', rapport_fold(search_extra)), 'B') ||
    setweight(to_tsvector('simple', rapport_fold(title)), 'C') ||
    setweight(to_tsvector('simple', rapport_fold(notes)), 'D'), true)) STORED

-- @stmt postgres
CREATE INDEX contacts_search_prefixes ON contacts USING GIN (search_prefixes)

-- @stmt postgres
ALTER TABLE interactions ADD COLUMN search_prefixes tsvector GENERATED ALWAYS AS (rapport_prefixes(
    setweight(to_tsvector('simple', rapport_fold(subject)), 'A') ||
    setweight(to_tsvector('simple', rapport_fold(body)), 'B'), false)) STORED

-- @stmt postgres
CREATE INDEX interactions_search_prefixes ON interactions USING GIN (search_prefixes)

-- "Names starting with so" in name order, for a broad search (more than 2,000 matches) of one word of 2 to 4
-- letters: the '#so' posting list is in no order, so the query either sorted all its rows (up to ~6,000 contacts,
-- a heap fetch each) or walked the name order until 50 matched (27,000 rows for "gr", whose names are mostly first
-- names in the middle of the alphabet). This table has a row per live contact and 2-, 3- or 4-letter prefix of a
-- word of its name (the weight-A lexemes of search_vector, as '#' above), with the contact's sort_name: the first
-- 50 are a range of its primary key. Kept by a trigger on every write of the name, the sort name or the trash.
-- @stmt postgres
CREATE TABLE contact_name_prefixes (
    prefix TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    contact_id BIGINT NOT NULL
)

-- @stmt postgres
CREATE FUNCTION rapport_contact_name_prefixes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM contact_name_prefixes WHERE contact_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
        INSERT INTO contact_name_prefixes (prefix, sort_name, contact_id)
        SELECT DISTINCT left(u.lexeme, n.n), NEW.sort_name, NEW.id
        FROM unnest(NEW.search_vector) u, generate_series(2, 4) n(n)
        WHERE 'A' = ANY (u.weights) AND char_length(u.lexeme) >= n.n;
    END IF;
    RETURN NULL;
END
$$

-- @stmt postgres
INSERT INTO contact_name_prefixes (prefix, sort_name, contact_id)
SELECT DISTINCT left(u.lexeme, n.n), c.sort_name, c.id
FROM contacts c, unnest(c.search_vector) u, generate_series(2, 4) n(n)
WHERE c.deleted_at IS NULL AND 'A' = ANY (u.weights) AND char_length(u.lexeme) >= n.n

-- @stmt postgres
ALTER TABLE contact_name_prefixes ADD PRIMARY KEY (prefix, sort_name, contact_id)

-- @stmt postgres
CREATE INDEX contact_name_prefixes_contact ON contact_name_prefixes (contact_id)

-- @stmt postgres
CREATE TRIGGER contacts_name_prefixes AFTER INSERT OR DELETE OR UPDATE OF display_name, sort_name, deleted_at
ON contacts FOR EACH ROW EXECUTE FUNCTION rapport_contact_name_prefixes()

-- The planner's statistics of the new column (the share of rows each prefix is in), which decide between the
-- index and a scan that stops at the first matches.
-- @stmt postgres
ANALYZE contacts

-- @stmt postgres
ANALYZE interactions

-- @stmt postgres
ANALYZE contact_name_prefixes

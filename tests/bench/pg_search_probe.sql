-- Where PostgreSQL search time goes, query by query, measured inside the server (no client overhead):
-- for 120 prefixes of 2-4 letters of real contact names (like bench_search), the same SQL as
-- SearchRepository: the capped match count, then the ranked (<= 2000 matches) or broad query. Each query is
-- timed twice per prefix, in turn: "old" as before schema v17 (prefix queries on search_vector) and "new" as
-- SearchRepository runs it now (exact lexemes of search_prefixes, contact_name_prefixes); needs schema v17.
--   psql "$RAPPORT_BENCH_PG_URL" -X -q -f tests/bench/pg_search_probe.sql
-- Each statement is run with EXECUTE and its values as literals, so it is planned for them as SearchRepository's
-- (a new prepared statement per search) is; a static statement in PL/pgSQL gets a generic plan after five runs,
-- which for a common prefix is a bitmap over most of the table (the figures before 2026-12-07 had that).
-- Results (docs/PERFORMANCE.md): per query kind, count / median / p95 / max ms, and the slowest prefixes.
DROP TABLE IF EXISTS probe;
CREATE TEMP TABLE probe (p text, what text, ms float8, n int);
DO $$
DECLARE
  pre text; t0 timestamptz; n int; q text; x tsquery; r record;
BEGIN
  PERFORM setseed(0.42);
  FOR r IN SELECT display_name FROM contacts WHERE id % 97 = 0 ORDER BY random() LIMIT 120 LOOP
    pre := lower(left(split_part(r.display_name, ' ', 1 + floor(random()*2)::int), 2 + floor(random()*3)::int));
    CONTINUE WHEN pre !~ '^[a-z0-9]{2,4}$';
    q := pre || ':*';
    x := quote_literal(pre)::tsquery;
    -- contacts, old
    t0 := clock_timestamp();
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM contacts WHERE search_vector @@ to_tsquery(''simple'', %1$L) LIMIT 2001) m', q, x::text) INTO n;
    INSERT INTO probe VALUES (pre, 'c-count old', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    t0 := clock_timestamp();
    IF n <= 2000 THEN
      EXECUTE format('SELECT c.id FROM contacts c CROSS JOIN to_tsquery(''simple'', %1$L) query LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.search_vector @@ query AND c.deleted_at IS NULL ORDER BY -ts_rank(c.search_vector, query), c.sort_name, c.id LIMIT 50', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'c-ranked old', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    ELSE
      EXECUTE format('SELECT c.id FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.search_vector @@ to_tsquery(''simple'', %3$L || '':*A'') AND c.deleted_at IS NULL ORDER BY c.sort_name, c.id LIMIT 50', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'c-broad old', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    END IF;
    -- contacts, new
    t0 := clock_timestamp();
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM contacts c WHERE c.search_prefixes @@ %2$L::tsquery LIMIT 2001) m', q, x::text) INTO n;
    INSERT INTO probe VALUES (pre, 'c-count new', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    t0 := clock_timestamp();
    IF n <= 2000 THEN
      EXECUTE format('SELECT c.id, o.name FROM (SELECT c.id, c.organization_id, c.sort_name, -ts_rank(c.search_vector, query) AS rank FROM contacts c CROSS JOIN to_tsquery(''simple'', %1$L) query WHERE c.search_prefixes @@ %2$L::tsquery AND c.deleted_at IS NULL ORDER BY 4, c.sort_name, c.id LIMIT 50) c LEFT JOIN organizations o ON o.id = c.organization_id ORDER BY c.rank, c.sort_name, c.id', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'c-ranked new', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    ELSE
      EXECUTE format('SELECT c.id FROM contact_name_prefixes p JOIN contacts c ON c.id = p.contact_id LEFT JOIN organizations o ON o.id = c.organization_id WHERE p.prefix = %3$L AND c.deleted_at IS NULL ORDER BY p.sort_name, p.contact_id LIMIT 50', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'c-broad new', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    END IF;
    -- interactions, old
    t0 := clock_timestamp();
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM interactions WHERE search_vector @@ to_tsquery(''simple'', %1$L) LIMIT 2001) m', q, x::text) INTO n;
    INSERT INTO probe VALUES (pre, 'i-count old', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    t0 := clock_timestamp();
    IF n <= 2000 THEN
      EXECUTE format('SELECT i.id FROM interactions i CROSS JOIN to_tsquery(''simple'', %1$L) query LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.search_vector @@ query AND i.deleted_at IS NULL ORDER BY -ts_rank(i.search_vector, query), i.occurred_at DESC, i.id DESC LIMIT 50', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'i-ranked old', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    ELSE
      EXECUTE format('SELECT i.id FROM (SELECT id FROM interactions WHERE search_vector @@ to_tsquery(''simple'', %1$L) ORDER BY id DESC LIMIT 50) m JOIN interactions i ON i.id = m.id', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'i-broad old', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    END IF;
    -- interactions, new
    t0 := clock_timestamp();
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM interactions i WHERE i.search_prefixes @@ %2$L::tsquery LIMIT 2001) m', q, x::text) INTO n;
    INSERT INTO probe VALUES (pre, 'i-count new', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    t0 := clock_timestamp();
    IF n <= 2000 THEN
      EXECUTE format('SELECT i.id FROM interactions i CROSS JOIN to_tsquery(''simple'', %1$L) query LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.search_prefixes @@ %2$L::tsquery AND i.deleted_at IS NULL ORDER BY -ts_rank(i.search_vector, query), i.occurred_at DESC, i.id DESC LIMIT 50', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'i-ranked new', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    ELSE
      EXECUTE format('SELECT i.id FROM (SELECT x2.id FROM interactions x2 WHERE x2.search_prefixes @@ %2$L::tsquery ORDER BY x2.id DESC LIMIT 50) m JOIN interactions i ON i.id = m.id', q, x::text, pre);
      INSERT INTO probe VALUES (pre, 'i-broad new', extract(epoch FROM clock_timestamp() - t0)*1000, n);
    END IF;
  END LOOP;
END $$;
SELECT what, count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric,1) med, round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric,1) p95, round(max(ms)::numeric,1) mx FROM probe GROUP BY what ORDER BY what;
SELECT * FROM probe ORDER BY ms DESC LIMIT 12;

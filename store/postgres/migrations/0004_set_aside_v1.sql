-- Converting this backend's first schema (0001-0003), step 1 of 2: its
-- tables that share a name with the original's move to schema spark_v1, out
-- of the way of 0005; 0006 copies their rows into the original's tables and
-- drops spark_v1. Its own tables (credentials, the state tables) stay and get
-- uuid user ids. Nothing happens on a database without that schema.
DO $$
DECLARE
    t   text;
    bad text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'user_settings' AND column_name = 'user_id') THEN
        RETURN;
    END IF;
    -- A user id that is not a UUID cannot go into a uuid column: stop, naming the table.
    FOREACH t IN ARRAY ARRAY['user_settings', 'credentials', 'readwise_state', 'airtable_state', 'books',
                             'highlights', 'tags', 'highlight_tags', 'sparks', 'categories',
                             'spark_categories', 'spark_tags', 'function_logs'] LOOP
        EXECUTE format($q$SELECT user_id FROM %I
                         WHERE user_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                         LIMIT 1$q$, t) INTO bad;
        IF bad IS NOT NULL THEN
            RAISE EXCEPTION 'cannot convert table %: user_id % is not a UUID (user ids are Supabase Auth UUIDs now); fix or delete its rows, then start again', t, quote_literal(bad);
        END IF;
    END LOOP;

    CREATE SCHEMA spark_v1;
    FOREACH t IN ARRAY ARRAY['user_settings', 'books', 'highlights', 'tags', 'highlight_tags', 'sparks',
                             'categories', 'spark_categories', 'spark_tags', 'function_logs'] LOOP
        EXECUTE format('ALTER TABLE %I SET SCHEMA spark_v1', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['credentials', 'readwise_state', 'airtable_state'] LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN user_id TYPE uuid USING user_id::uuid', t);
    END LOOP;
END
$$;

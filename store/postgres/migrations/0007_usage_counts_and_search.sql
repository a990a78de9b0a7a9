-- The usage-count views the frontend reads. On Supabase (auth.uid() exists)
-- they keep the original's own-row filter, since they bypass RLS; elsewhere
-- they list every user's rows with user_id, for the reader to filter.
DO $$
DECLARE
    own text := '';
BEGIN
    IF to_regprocedure('auth.uid()') IS NOT NULL THEN
        own := ' WHERE user_id = auth.uid()';
    END IF;
    EXECUTE 'CREATE OR REPLACE VIEW category_usage_counts AS
        SELECT c.id, c.name, c.slug, c.user_id, c.created_at, c.updated_at,
               (SELECT count(*) FROM book_categories bc WHERE bc.category_id = c.id)
             + (SELECT count(*) FROM highlight_categories hc WHERE hc.category_id = c.id)
             + (SELECT count(*) FROM spark_categories sc WHERE sc.category_id = c.id) AS usage_count
        FROM categories c' || own;
    EXECUTE 'CREATE OR REPLACE VIEW tag_usage_counts AS
        SELECT t.id, t.name, t.user_id, t.created_at, t.updated_at,
               (SELECT count(*) FROM book_tags bt WHERE bt.tag_id = t.id)
             + (SELECT count(*) FROM highlight_tags ht WHERE ht.tag_id = t.id)
             + (SELECT count(*) FROM spark_tags st WHERE st.tag_id = t.id) AS usage_count
        FROM tags t' || own;
END
$$;

-- grant_as_before gives a recreated function the grants its predecessor
-- had (acl; NULL: the defaults), not the migrating role's default
-- privileges: the frontend calls these functions as authenticated.
CREATE FUNCTION pg_temp.grant_as_before(f regprocedure, acl aclitem[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    g record;
BEGIN
    FOR g IN SELECT DISTINCT grantee FROM pg_proc, aclexplode(coalesce(proacl, acldefault('f', proowner))) WHERE oid = f LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', f, CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(g.grantee::regrole::text) END);
    END LOOP;
    FOR g IN SELECT DISTINCT grantee FROM pg_proc, aclexplode(coalesce(acl, acldefault('f', proowner)))
             WHERE oid = f AND privilege_type = 'EXECUTE' LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %s', f, CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(g.grantee::regrole::text) END);
    END LOOP;
END
$$;

-- The original's search functions declare rw_id and rw_book_id as integer;
-- where they exist, they are recreated for the bigint columns, with their
-- grants.
DO $do$
DECLARE
    embedding text;
    acl       aclitem[];
    columns   text := 'id uuid, user_id uuid, book_id uuid, rw_id bigint, rw_text text, rw_note text,
        rw_location text, rw_location_type text, rw_highlighted_at timestamptz, rw_url text, rw_color text,
        rw_updated timestamptz, rw_book_id bigint, rw_tags jsonb, created_at timestamptz,
        updated_at timestamptz, embedding %s, embedding_updated_at timestamptz';
    selected  text := 'h.id, h.user_id, h.book_id, h.rw_id, h.rw_text, h.rw_note, h.rw_location,
        h.rw_location_type, h.rw_highlighted_at, h.rw_url, h.rw_color, h.rw_updated, h.rw_book_id,
        h.rw_tags, h.created_at, h.updated_at, h.embedding, h.embedding_updated_at';
BEGIN
    SELECT format_type(atttypid, atttypmod) INTO embedding FROM pg_attribute
    WHERE attrelid = 'highlights'::regclass AND attname = 'embedding';
    columns := format(columns, embedding);

    IF to_regprocedure('search_highlights_keyword(text, uuid, integer)') IS NOT NULL THEN
        acl := (SELECT proacl FROM pg_proc WHERE oid = 'search_highlights_keyword(text, uuid, integer)'::regprocedure);
        DROP FUNCTION search_highlights_keyword(text, uuid, integer);
        EXECUTE format($f$
            CREATE FUNCTION search_highlights_keyword(search_text text, match_user_id uuid, match_count int DEFAULT 10)
            RETURNS TABLE (%s, rank real) LANGUAGE plpgsql AS $body$
            BEGIN
                RETURN QUERY
                SELECT %s, ts_rank(to_tsvector('english', h.rw_text), plainto_tsquery('english', search_text)) AS rank
                FROM highlights h
                WHERE h.user_id = match_user_id
                  AND (h.rw_text ILIKE '%%' || search_text || '%%' OR h.rw_note ILIKE '%%' || search_text || '%%')
                ORDER BY rank DESC
                LIMIT match_count;
            END;
            $body$
        $f$, columns, selected);
        PERFORM pg_temp.grant_as_before('search_highlights_keyword(text, uuid, integer)', acl);
    END IF;

    IF embedding = 'vector(1536)' AND to_regprocedure('search_highlights_semantic(vector, uuid, integer)') IS NOT NULL THEN
        acl := (SELECT proacl FROM pg_proc WHERE oid = 'search_highlights_semantic(vector, uuid, integer)'::regprocedure);
        DROP FUNCTION search_highlights_semantic(vector, uuid, integer);
        EXECUTE format($f$
            CREATE FUNCTION search_highlights_semantic(query_embedding vector(1536), match_user_id uuid, match_count int DEFAULT 10)
            RETURNS TABLE (%s, similarity double precision) LANGUAGE plpgsql AS $body$
            BEGIN
                RETURN QUERY
                SELECT %s, 1 - (h.embedding <=> query_embedding) AS similarity
                FROM highlights h
                WHERE h.user_id = match_user_id AND h.embedding IS NOT NULL
                ORDER BY h.embedding <=> query_embedding
                LIMIT match_count;
            END;
            $body$
        $f$, columns, selected);
        PERFORM pg_temp.grant_as_before('search_highlights_semantic(vector, uuid, integer)', acl);
    END IF;
END
$do$;
DROP FUNCTION pg_temp.grant_as_before(regprocedure, aclitem[]);

-- Embeddings. Where pgvector is missing, 0005 made the column real[]; it
-- becomes float32s as bytea, which the search streams and decodes far
-- faster than array text. Nothing ever wrote the real[] column, so no vector
-- is lost. A pgvector column (Supabase, the original) stays as it is.
--
-- The original's search_highlights_keyword returns the column: where it
-- exists it is recreated for the new type, with its grants, exactly as 0007
-- creates it.
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
    IF embedding <> 'real[]' THEN
        RETURN;
    END IF;
    ALTER TABLE highlights ALTER COLUMN embedding TYPE bytea USING NULL;
    embedding := 'bytea';
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
END
$do$;
DROP FUNCTION pg_temp.grant_as_before(regprocedure, aclitem[]);

-- A vector belongs to the text it was made from: whoever changes a
-- highlight's text (the sync, the frontend) drops its vector, so the
-- embeddings job makes a new one.
CREATE OR REPLACE FUNCTION highlights_drop_stale_embedding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.embedding := NULL;
    NEW.embedding_updated_at := NULL;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS highlights_drop_stale_embedding ON highlights;
CREATE TRIGGER highlights_drop_stale_embedding BEFORE UPDATE OF rw_text ON highlights
    FOR EACH ROW WHEN (OLD.rw_text IS DISTINCT FROM NEW.rw_text)
    EXECUTE FUNCTION highlights_drop_stale_embedding();

-- The embeddings job's walk: a user's highlights without a vector, by id.
CREATE INDEX IF NOT EXISTS highlights_without_embedding_idx ON highlights (user_id, id) WHERE embedding IS NULL;

-- original_books_early.sql: replaces the standard books table with the shape
-- left by the deleted early migration 20250330124500_create_books_table.sql
-- (reference §7 row 6). Apply after original_schema.sql, before any rows:
--   psql -v ON_ERROR_STOP=1 -1 -f original_books_early.sql <database url>
--
-- Where the early shape comes from. §7 gives its outline (bigint rw_id with a
-- global UNIQUE, NOT NULL title, unprefixed author/source/cover_image_url/
-- highlights_url/asin, nullable user_id, policies select_own_books etc.). The
-- deleted file itself is still readable in the public repository history
-- (drewsamsen/spark-next, added in ce5ac57); the columns below follow it, and
-- it settles what §7 leaves open:
--   * rw_id is bigint UNIQUE but NOT "NOT NULL" (constraint books_rw_id_key);
--   * category, num_highlights, last_highlight_at and updated keep the rw_
--     prefix (rw_category, rw_num_highlights DEFAULT 0, ...); only the five
--     columns §7 names are unprefixed, and title is title;
--   * there is no source_url, tags or document_note column at all;
--   * column order: id, created_at, updated_at, user_id, then the book columns;
--   * index books_user_id_idx; trigger update_books_updated_at calling
--     update_updated_at_column() (the file defined that function too; #3
--     replaced it with the same body); the UPDATE policy has a WITH CHECK;
--     a table comment.
--
-- Choice: none of #6's books objects exist here. On this table #6 cannot
-- complete: its CREATE TABLE IF NOT EXISTS is skipped, but its
-- books_rw_title_idx names rw_title, which the early table lacks, so the
-- file fails and (applied in one transaction, as the CLI applies a file)
-- leaves nothing behind. A database in this state therefore got past #6 only
-- by hand (e.g. `supabase migration repair`); the fixture takes the case
-- where nothing of #6's was added to books: no "Users can ... books"
-- policies, no books_user_id_rw_id_idx / books_rw_title_idx, no
-- update_books_modified_timestamp. update_modified_timestamp() itself exists
-- (original_schema.sql creates it; #7 onwards need it).
--
-- Everything that depends on books is dropped first and recreated after, by
-- name rather than by CASCADE, so a new dependent in original_schema.sql makes
-- this file fail instead of silently losing it: the FKs
-- highlights_book_id_fkey, book_categories_book_id_fkey, book_tags_book_id_fkey,
-- book_notes_book_id_fkey, and the six book_categories / book_tags policies
-- whose conditions read books.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM public.books) THEN
        RAISE EXCEPTION 'original_books_early.sql must run before any rows are loaded';
    END IF;
END
$$;

-- Dependents of the standard books.
ALTER TABLE public.highlights      DROP CONSTRAINT highlights_book_id_fkey;
ALTER TABLE public.book_categories DROP CONSTRAINT book_categories_book_id_fkey;
ALTER TABLE public.book_tags       DROP CONSTRAINT book_tags_book_id_fkey;
ALTER TABLE public.book_notes      DROP CONSTRAINT book_notes_book_id_fkey;
DROP POLICY "Users can only view their own book categories"   ON public.book_categories;
DROP POLICY "Users can only insert their own book categories" ON public.book_categories;
DROP POLICY "Users can only delete their own book categories" ON public.book_categories;
DROP POLICY "Users can only view their own book tags"   ON public.book_tags;
DROP POLICY "Users can only insert their own book tags" ON public.book_tags;
DROP POLICY "Users can only delete their own book tags" ON public.book_tags;

DROP TABLE public.books; -- no CASCADE: anything not released above is an error

-- The early shape.
CREATE TABLE public.books (
    id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    user_id              uuid,                  -- nullable
    rw_id                bigint,                -- nullable, globally unique
    title                text        NOT NULL,
    author               text,
    rw_category          text,
    source               text,
    rw_num_highlights    integer     DEFAULT 0,
    rw_last_highlight_at timestamptz,
    rw_updated           timestamptz,
    cover_image_url      text,
    highlights_url       text,
    asin                 text,
    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE CASCADE,
    CONSTRAINT books_rw_id_key UNIQUE (rw_id)  -- global, not per user
);
CREATE INDEX books_user_id_idx ON public.books (user_id);
CREATE TRIGGER update_books_updated_at
    BEFORE UPDATE ON public.books
    FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();
ALTER TABLE public.books ENABLE ROW LEVEL SECURITY;
CREATE POLICY select_own_books ON public.books
    FOR SELECT USING (auth.uid() = user_id);
CREATE POLICY insert_own_books ON public.books
    FOR INSERT WITH CHECK (auth.uid() = user_id);
CREATE POLICY update_own_books ON public.books
    FOR UPDATE USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
CREATE POLICY delete_own_books ON public.books
    FOR DELETE USING (auth.uid() = user_id);
COMMENT ON TABLE public.books IS 'Stores book information imported from Readwise';

-- Dependents again, exactly as original_schema.sql made them.
ALTER TABLE public.highlights ADD CONSTRAINT highlights_book_id_fkey
    FOREIGN KEY (book_id) REFERENCES public.books (id) ON DELETE CASCADE;
ALTER TABLE public.book_categories ADD CONSTRAINT book_categories_book_id_fkey
    FOREIGN KEY (book_id) REFERENCES public.books (id) ON DELETE CASCADE;
ALTER TABLE public.book_tags ADD CONSTRAINT book_tags_book_id_fkey
    FOREIGN KEY (book_id) REFERENCES public.books (id) ON DELETE CASCADE;
ALTER TABLE public.book_notes ADD CONSTRAINT book_notes_book_id_fkey
    FOREIGN KEY (book_id) REFERENCES public.books (id) ON DELETE CASCADE;
CREATE POLICY "Users can only view their own book categories" ON public.book_categories
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_categories.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own book categories" ON public.book_categories
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_categories.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own book categories" ON public.book_categories
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_categories.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only view their own book tags" ON public.book_tags
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_tags.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own book tags" ON public.book_tags
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_tags.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own book tags" ON public.book_tags
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_tags.book_id AND books.user_id = auth.uid()));

-- The early file ran first of all, so the history holds its version too.
INSERT INTO supabase_migrations.schema_migrations (version, name)
VALUES ('20250330124500', 'create_books_table');

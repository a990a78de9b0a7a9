-- original_schema.sql: a Supabase database exactly as the original Next.js
-- app's 28 migrations leave it (spark-next HEAD 9876bf7; docs/original.md).
-- Apply after supabase.sql,
-- as the same role, in one transaction:
--   psql -v ON_ERROR_STOP=1 -1 -f original_schema.sql <database url>
--
-- It builds the end state directly (tables as they finally are, with the names
-- the renames left: automation_jobs_pkey, automation_job_actions_job_id_fkey,
-- ...), not by replaying the migrations; the catalog comes out the same.
-- Owner of everything: the applying role (postgres on Supabase).
--
-- LEFT OUT, because pgvector cannot be installed here (migration #27):
--   * CREATE EXTENSION vector;
--   * highlights.embedding vector(1536) and highlights.embedding_updated_at,
--     their column comments, highlights_embedding_idx (HNSW, vector_cosine_ops,
--     m=16, ef_construction=64) and highlights_embedding_updated_at_idx;
--   * search_highlights_semantic(vector, uuid, integer).
--   A stand-in "vector" type would not be honest: no <=> operator, no HNSW, and
--   pg_extension would not list it, so an upgrade probing for pgvector would be
--   tested against a database that exists nowhere. embedding_updated_at is
--   left out with embedding because #27 adds both in one transaction: a
--   database with one and not the other never existed.
-- APPROXIMATED: search_highlights_keyword(text, uuid, integer) is #28's, but
--   its result list lacks the two embedding columns (16 highlight columns +
--   rank real instead of 18 + rank). rw_id and rw_book_id are declared integer
--   as in the original, so an upgrade that widens them must recreate it.
-- schema_migrations still lists all 28 versions, #27 and #28 included, as the
-- CLI would; statements are NULL (the CLI stores each file's statements).

-- ---------------------------------------------------------------------------
-- Trigger functions (#1, #3, #4, #6, #18). None sets search_path.
-- ---------------------------------------------------------------------------

-- #1: profile row for every new auth user. SECURITY DEFINER: GoTrue's role
-- inserts into auth.users and has no rights on public.profiles.
CREATE FUNCTION public.handle_new_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
AS $$
BEGIN
    INSERT INTO public.profiles (id, email, full_name)
    VALUES (NEW.id, NEW.email, NEW.raw_user_meta_data ->> 'full_name');
    RETURN NEW;
END;
$$;

-- #3: default settings row for every new auth user.
CREATE FUNCTION public.handle_new_user_settings() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
AS $$
BEGIN
    INSERT INTO public.user_settings (id, settings)
    VALUES (NEW.id, jsonb_build_object(
        'theme', 'system',
        'rightSidebar', jsonb_build_object('width', 384),
        'leftSidebar', jsonb_build_object('width', 360)));
    RETURN NEW;
END;
$$;

-- Three functions with the same body, one per migration that wanted one.
CREATE FUNCTION public.update_updated_at_column() RETURNS trigger  -- #3: user_settings
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.update_modified_column() RETURNS trigger    -- #4: function_logs
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION public.update_modified_timestamp() RETURNS trigger -- #6: books and later tables
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

-- #18: trim, each single space to '-', lowercase (tabs etc. are kept).
CREATE FUNCTION public.standardize_tag_name() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.name = lower(replace(trim(NEW.name), ' ', '-'));
    RETURN NEW;
END;
$$;

-- ---------------------------------------------------------------------------
-- §1.1 profiles (#1)
-- ---------------------------------------------------------------------------
CREATE TABLE public.profiles (
    id         uuid        NOT NULL,
    email      text        NOT NULL,
    full_name  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT profiles_pkey PRIMARY KEY (id),
    CONSTRAINT profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users (id) -- NO ACTION
);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can read their own profile" ON public.profiles
    FOR SELECT USING (auth.uid() = id);
CREATE POLICY "Users can update their own profile" ON public.profiles
    FOR UPDATE USING (auth.uid() = id);

CREATE TRIGGER on_auth_user_created
    AFTER INSERT ON auth.users
    FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

-- ---------------------------------------------------------------------------
-- §3.2 get_tables_in_schema (#2)
-- ---------------------------------------------------------------------------
CREATE FUNCTION public.get_tables_in_schema(schema_name text) RETURNS SETOF text
LANGUAGE sql SECURITY DEFINER
AS $$
    SELECT tablename::text FROM pg_catalog.pg_tables
    WHERE schemaname = schema_name
    ORDER BY tablename
$$;
GRANT EXECUTE ON FUNCTION public.get_tables_in_schema(text) TO anon, authenticated;

-- ---------------------------------------------------------------------------
-- §1.2 user_settings (#3)
-- ---------------------------------------------------------------------------
CREATE TABLE public.user_settings (
    id         uuid        NOT NULL,
    settings   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_settings_pkey PRIMARY KEY (id),
    CONSTRAINT user_settings_id_fkey FOREIGN KEY (id) REFERENCES auth.users (id) -- NO ACTION
);
ALTER TABLE public.user_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can read their own settings" ON public.user_settings
    FOR SELECT USING (auth.uid() = id);
CREATE POLICY "Users can insert their own settings" ON public.user_settings
    FOR INSERT WITH CHECK (auth.uid() = id);
CREATE POLICY "Users can update their own settings" ON public.user_settings
    FOR UPDATE USING (auth.uid() = id);

CREATE TRIGGER on_auth_user_created_settings
    AFTER INSERT ON auth.users
    FOR EACH ROW EXECUTE FUNCTION public.handle_new_user_settings();
CREATE TRIGGER user_settings_updated_at
    BEFORE UPDATE ON public.user_settings
    FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

-- ---------------------------------------------------------------------------
-- §1.3 function_logs (#4, #5, realtime #8)
-- ---------------------------------------------------------------------------
CREATE TABLE public.function_logs (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    function_name text        NOT NULL,
    function_id   text,
    status        text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    duration_ms   integer,
    input_params  jsonb,
    result_data   jsonb,
    error_message text,
    error_stack   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    user_id       uuid,
    run_id        text, -- #5
    CONSTRAINT function_logs_pkey PRIMARY KEY (id),
    CONSTRAINT function_logs_status_check CHECK (status IN ('started', 'completed', 'failed')),
    CONSTRAINT function_logs_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE SET NULL,
    -- #5; global, and NULLs are distinct (PG15 default)
    CONSTRAINT function_logs_function_id_run_id_unique UNIQUE (function_id, run_id)
);
COMMENT ON CONSTRAINT function_logs_function_id_run_id_unique ON public.function_logs IS
    'Ensures that each function execution is logged only once by enforcing uniqueness on function_id + run_id';
CREATE INDEX idx_function_logs_function_name ON public.function_logs (function_name);
CREATE INDEX idx_function_logs_status ON public.function_logs (status);
CREATE INDEX idx_function_logs_user_id ON public.function_logs (user_id);
CREATE INDEX idx_function_logs_started_at ON public.function_logs (started_at DESC);
CREATE INDEX idx_function_logs_run_id ON public.function_logs (run_id);
ALTER TABLE public.function_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Service role can access all function logs" ON public.function_logs
    FOR ALL TO service_role USING (true);
CREATE POLICY "Users can see their own function logs" ON public.function_logs
    FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE TRIGGER update_function_logs_updated_at
    BEFORE UPDATE ON public.function_logs
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_column();

ALTER PUBLICATION supabase_realtime ADD TABLE public.function_logs;

-- ---------------------------------------------------------------------------
-- §1.4 books (#6). original_books_early.sql swaps this for the shape of the
-- deleted 20250330124500.
-- ---------------------------------------------------------------------------
CREATE TABLE public.books (
    id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id              uuid        NOT NULL,
    rw_id                integer     NOT NULL,
    rw_title             text,
    rw_author            text,
    rw_category          text,
    rw_source            text,
    rw_num_highlights    integer,
    rw_last_highlight_at timestamptz,
    rw_updated           timestamptz,
    rw_cover_image_url   text,
    rw_highlights_url    text,
    rw_source_url        text,
    rw_asin              text,
    rw_tags              text[],
    rw_document_note     text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE CASCADE,
    CONSTRAINT books_user_id_rw_id_key UNIQUE (user_id, rw_id) -- per user
);
ALTER TABLE public.books ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own books" ON public.books
    FOR SELECT USING (auth.uid() = user_id);
CREATE POLICY "Users can insert their own books" ON public.books
    FOR INSERT WITH CHECK (auth.uid() = user_id);
CREATE POLICY "Users can update their own books" ON public.books
    FOR UPDATE USING (auth.uid() = user_id);
CREATE POLICY "Users can delete their own books" ON public.books
    FOR DELETE USING (auth.uid() = user_id);
CREATE INDEX books_user_id_rw_id_idx ON public.books (user_id, rw_id); -- duplicates the unique index
CREATE INDEX books_rw_title_idx ON public.books (rw_title);
CREATE TRIGGER update_books_modified_timestamp
    BEFORE UPDATE ON public.books
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_timestamp();

-- ---------------------------------------------------------------------------
-- §1.5 highlights (#7; #27's embedding columns left out, see header)
-- ---------------------------------------------------------------------------
CREATE TABLE public.highlights (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id           uuid        NOT NULL,
    book_id           uuid        NOT NULL,
    rw_id             integer     NOT NULL,
    rw_text           text,
    rw_note           text,
    rw_location       text,
    rw_location_type  text,
    rw_highlighted_at timestamptz,
    rw_url            text,
    rw_color          text,
    rw_updated        timestamptz,
    rw_book_id        integer,    -- Readwise's book id; no FK
    rw_tags           jsonb,      -- Readwise's [{"id", "name"}, ...]
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT highlights_pkey PRIMARY KEY (id),
    CONSTRAINT highlights_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE CASCADE,
    CONSTRAINT highlights_book_id_fkey FOREIGN KEY (book_id)  -- the search API embeds by this name
        REFERENCES public.books (id) ON DELETE CASCADE,
    CONSTRAINT highlights_user_id_rw_id_key UNIQUE (user_id, rw_id) -- per user
);
ALTER TABLE public.highlights ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own highlights" ON public.highlights
    FOR SELECT USING (auth.uid() = user_id);
CREATE POLICY "Users can insert their own highlights" ON public.highlights
    FOR INSERT WITH CHECK (auth.uid() = user_id);
CREATE POLICY "Users can update their own highlights" ON public.highlights
    FOR UPDATE USING (auth.uid() = user_id);
CREATE POLICY "Users can delete their own highlights" ON public.highlights
    FOR DELETE USING (auth.uid() = user_id);
CREATE INDEX highlights_user_id_rw_id_idx ON public.highlights (user_id, rw_id); -- duplicates the unique index
CREATE INDEX highlights_book_id_idx ON public.highlights (book_id);
CREATE INDEX highlights_rw_text_idx ON public.highlights USING gin (to_tsvector('english', rw_text));
CREATE TRIGGER update_highlights_modified_timestamp
    BEFORE UPDATE ON public.highlights
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_timestamp();

-- ---------------------------------------------------------------------------
-- §1.12, §1.13 automations, automation_actions (#21 created them as
-- automation_jobs / automation_job_actions with column job_id; #22 renamed
-- tables, column, indexes and policies but not constraints; #24/#25 left two
-- identical status CHECKs; #26 set the policies). Created before categories,
-- tags and the junction tables, which reference them.
-- ---------------------------------------------------------------------------
CREATE TABLE public.automations (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL,
    name       text        NOT NULL,
    source     text        NOT NULL, -- no constraint; the code writes ai, user, system
    status     text        NOT NULL DEFAULT 'pending',
    created_at timestamptz DEFAULT now(), -- nullable
    updated_at timestamptz DEFAULT now(), -- nullable; no trigger
    CONSTRAINT automation_jobs_pkey PRIMARY KEY (id),
    CONSTRAINT automation_jobs_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE CASCADE,
    CONSTRAINT automation_jobs_status_check   -- #25 recreated it with 4 values
        CHECK (status IN ('pending', 'approved', 'rejected', 'reverted')),
    CONSTRAINT automations_status_check       -- #24
        CHECK (status IN ('pending', 'approved', 'rejected', 'reverted'))
);
CREATE INDEX idx_automations_user_id ON public.automations (user_id);
CREATE INDEX idx_automations_status ON public.automations (status);
ALTER TABLE public.automations ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own automations" ON public.automations
    FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Users can update their own automations" ON public.automations
    FOR UPDATE TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Users can insert their own automations" ON public.automations
    FOR INSERT TO authenticated WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can delete their own automations" ON public.automations
    FOR DELETE TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Service role can access all automations" ON public.automations
    FOR ALL TO service_role USING (true);

CREATE TABLE public.automation_actions (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    automation_id uuid        NOT NULL,
    action_data   jsonb       NOT NULL,
    status        varchar(20) NOT NULL DEFAULT 'pending',
    executed_at   timestamptz,
    created_at    timestamptz DEFAULT now(), -- nullable
    updated_at    timestamptz DEFAULT now(), -- nullable; no trigger
    CONSTRAINT automation_job_actions_pkey PRIMARY KEY (id),
    CONSTRAINT automation_job_actions_job_id_fkey FOREIGN KEY (automation_id)
        REFERENCES public.automations (id) ON DELETE CASCADE,
    CONSTRAINT automation_job_actions_status_check
        CHECK (status IN ('pending', 'executing', 'executed', 'failed', 'rejected', 'reverted'))
);
CREATE INDEX idx_automation_actions_action_data ON public.automation_actions USING gin (action_data);
CREATE INDEX idx_automation_actions_automation_id ON public.automation_actions (automation_id);
CREATE INDEX idx_automation_actions_status ON public.automation_actions (status);
ALTER TABLE public.automation_actions ENABLE ROW LEVEL SECURITY;
-- The only policy: no write policy, so only the service role writes.
CREATE POLICY "Users can view their own automation actions" ON public.automation_actions
    FOR SELECT USING (EXISTS (
        SELECT 1 FROM public.automations
        WHERE automations.id = automation_actions.automation_id AND automations.user_id = auth.uid()));

-- ---------------------------------------------------------------------------
-- §1.6 categories (#9, #11 -> #21 -> #23 created_by_automation_id, #15 user_id)
-- ---------------------------------------------------------------------------
CREATE TABLE public.categories (
    id                       uuid        NOT NULL DEFAULT gen_random_uuid(),
    name                     text        NOT NULL,
    slug                     text        NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    created_by_automation_id uuid,
    user_id                  uuid        NOT NULL,
    CONSTRAINT categories_pkey PRIMARY KEY (id),
    CONSTRAINT categories_slug_key UNIQUE (slug), -- global, never made per user
    CONSTRAINT fk_categories_created_by_automation FOREIGN KEY (created_by_automation_id)
        REFERENCES public.automations (id) ON DELETE SET NULL,
    CONSTRAINT categories_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id) -- NO ACTION
);
CREATE INDEX categories_created_by_automation_id_idx ON public.categories (created_by_automation_id);
CREATE INDEX categories_user_id_idx ON public.categories (user_id);
ALTER TABLE public.categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own categories" ON public.categories
    FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Users can create their own categories" ON public.categories
    FOR INSERT TO authenticated WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can update their own categories" ON public.categories
    FOR UPDATE TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Users can delete their own categories" ON public.categories
    FOR DELETE TO authenticated USING (user_id = auth.uid());
CREATE TRIGGER update_categories_modified_timestamp
    BEFORE UPDATE ON public.categories
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_timestamp();

-- ---------------------------------------------------------------------------
-- §1.7 tags (#10, #11/#21/#23, #15, #18)
-- ---------------------------------------------------------------------------
CREATE TABLE public.tags (
    id                       uuid        NOT NULL DEFAULT gen_random_uuid(),
    name                     text        NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    created_by_automation_id uuid,
    user_id                  uuid        NOT NULL,
    CONSTRAINT tags_pkey PRIMARY KEY (id),
    CONSTRAINT tags_name_key UNIQUE (name), -- global (#10), never dropped
    CONSTRAINT fk_tags_created_by_automation FOREIGN KEY (created_by_automation_id)
        REFERENCES public.automations (id) ON DELETE SET NULL,
    CONSTRAINT tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id), -- NO ACTION
    CONSTRAINT tags_name_user_id_unique UNIQUE (name, user_id) -- #18
);
CREATE INDEX tags_created_by_automation_id_idx ON public.tags (created_by_automation_id);
CREATE INDEX tags_user_id_idx ON public.tags (user_id);
ALTER TABLE public.tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own tags" ON public.tags
    FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Users can create their own tags" ON public.tags
    FOR INSERT TO authenticated WITH CHECK (user_id = auth.uid());
CREATE POLICY "Users can update their own tags" ON public.tags
    FOR UPDATE TO authenticated USING (user_id = auth.uid());
CREATE POLICY "Users can delete their own tags" ON public.tags
    FOR DELETE TO authenticated USING (user_id = auth.uid());
-- Trigger order (alphabetical): standardize_tag_name_on_update, then
-- update_tags_modified_timestamp.
CREATE TRIGGER update_tags_modified_timestamp
    BEFORE UPDATE ON public.tags
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_timestamp();
CREATE TRIGGER standardize_tag_name_on_insert
    BEFORE INSERT ON public.tags
    FOR EACH ROW EXECUTE FUNCTION public.standardize_tag_name();
CREATE TRIGGER standardize_tag_name_on_update
    BEFORE UPDATE ON public.tags
    FOR EACH ROW EXECUTE FUNCTION public.standardize_tag_name();

-- ---------------------------------------------------------------------------
-- §1.9 sparks (#12)
-- ---------------------------------------------------------------------------
CREATE TABLE public.sparks (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id         uuid        NOT NULL,
    body            text        NOT NULL,
    todo_created_at timestamptz,
    todo_id         text,
    md5_uid         text,       -- SHA-256 of the body from the browser, Airtable uid from the import
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sparks_pkey PRIMARY KEY (id),
    CONSTRAINT sparks_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE CASCADE,
    CONSTRAINT sparks_todo_id_key UNIQUE (todo_id), -- global
    CONSTRAINT sparks_md5_uid_key UNIQUE (md5_uid)  -- global
);
ALTER TABLE public.sparks ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own sparks" ON public.sparks
    FOR SELECT USING (auth.uid() = user_id);
CREATE POLICY "Users can insert their own sparks" ON public.sparks
    FOR INSERT WITH CHECK (auth.uid() = user_id);
CREATE POLICY "Users can update their own sparks" ON public.sparks
    FOR UPDATE USING (auth.uid() = user_id);
CREATE POLICY "Users can delete their own sparks" ON public.sparks
    FOR DELETE USING (auth.uid() = user_id);
CREATE INDEX sparks_user_id_idx ON public.sparks (user_id);
CREATE INDEX sparks_todo_id_idx ON public.sparks (todo_id); -- duplicates the unique index
CREATE INDEX sparks_md5_uid_idx ON public.sparks (md5_uid); -- duplicates the unique index
CREATE INDEX sparks_body_idx ON public.sparks USING gin (to_tsvector('english', body));
CREATE TRIGGER update_sparks_modified_timestamp
    BEFORE UPDATE ON public.sparks
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_timestamp();

-- ---------------------------------------------------------------------------
-- §1.8 the six categorization junction tables (#9, #10, #13; job_action_id
-- renamed automation_action_id by #23, FK re-pointed at automation_actions).
-- Policies: the parent book/highlight/spark must be the caller's; the label is
-- not checked; no UPDATE policy.
-- ---------------------------------------------------------------------------
CREATE TABLE public.book_categories (
    book_id              uuid        NOT NULL,
    category_id          uuid        NOT NULL,
    automation_action_id uuid,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT book_categories_pkey PRIMARY KEY (book_id, category_id),
    CONSTRAINT book_categories_book_id_fkey FOREIGN KEY (book_id)
        REFERENCES public.books (id) ON DELETE CASCADE,
    CONSTRAINT book_categories_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES public.categories (id) ON DELETE CASCADE,
    CONSTRAINT fk_book_categories_automation_action FOREIGN KEY (automation_action_id)
        REFERENCES public.automation_actions (id) ON DELETE SET NULL
);
CREATE INDEX book_categories_book_id_idx ON public.book_categories (book_id);
CREATE INDEX book_categories_category_id_idx ON public.book_categories (category_id);
CREATE INDEX book_categories_automation_action_id_idx ON public.book_categories (automation_action_id);
ALTER TABLE public.book_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own book categories" ON public.book_categories
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_categories.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own book categories" ON public.book_categories
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_categories.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own book categories" ON public.book_categories
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_categories.book_id AND books.user_id = auth.uid()));

CREATE TABLE public.highlight_categories (
    highlight_id         uuid        NOT NULL,
    category_id          uuid        NOT NULL,
    automation_action_id uuid,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT highlight_categories_pkey PRIMARY KEY (highlight_id, category_id),
    CONSTRAINT highlight_categories_highlight_id_fkey FOREIGN KEY (highlight_id)
        REFERENCES public.highlights (id) ON DELETE CASCADE,
    CONSTRAINT highlight_categories_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES public.categories (id) ON DELETE CASCADE,
    CONSTRAINT fk_highlight_categories_automation_action FOREIGN KEY (automation_action_id)
        REFERENCES public.automation_actions (id) ON DELETE SET NULL
);
CREATE INDEX highlight_categories_highlight_id_idx ON public.highlight_categories (highlight_id);
CREATE INDEX highlight_categories_category_id_idx ON public.highlight_categories (category_id);
CREATE INDEX highlight_categories_automation_action_id_idx ON public.highlight_categories (automation_action_id);
ALTER TABLE public.highlight_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own highlight categories" ON public.highlight_categories
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.highlights
        WHERE highlights.id = highlight_categories.highlight_id AND highlights.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own highlight categories" ON public.highlight_categories
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.highlights
        WHERE highlights.id = highlight_categories.highlight_id AND highlights.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own highlight categories" ON public.highlight_categories
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.highlights
        WHERE highlights.id = highlight_categories.highlight_id AND highlights.user_id = auth.uid()));

CREATE TABLE public.spark_categories (
    spark_id             uuid        NOT NULL,
    category_id          uuid        NOT NULL,
    automation_action_id uuid,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT spark_categories_pkey PRIMARY KEY (spark_id, category_id),
    CONSTRAINT spark_categories_spark_id_fkey FOREIGN KEY (spark_id)
        REFERENCES public.sparks (id) ON DELETE CASCADE,
    CONSTRAINT spark_categories_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES public.categories (id) ON DELETE CASCADE,
    CONSTRAINT fk_spark_categories_automation_action FOREIGN KEY (automation_action_id)
        REFERENCES public.automation_actions (id) ON DELETE SET NULL
);
CREATE INDEX spark_categories_spark_id_idx ON public.spark_categories (spark_id);
CREATE INDEX spark_categories_category_id_idx ON public.spark_categories (category_id);
CREATE INDEX spark_categories_automation_action_id_idx ON public.spark_categories (automation_action_id);
ALTER TABLE public.spark_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own spark categories" ON public.spark_categories
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.sparks
        WHERE sparks.id = spark_categories.spark_id AND sparks.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own spark categories" ON public.spark_categories
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.sparks
        WHERE sparks.id = spark_categories.spark_id AND sparks.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own spark categories" ON public.spark_categories
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.sparks
        WHERE sparks.id = spark_categories.spark_id AND sparks.user_id = auth.uid()));

CREATE TABLE public.book_tags (
    book_id              uuid        NOT NULL,
    tag_id               uuid        NOT NULL,
    automation_action_id uuid,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT book_tags_pkey PRIMARY KEY (book_id, tag_id),
    CONSTRAINT book_tags_book_id_fkey FOREIGN KEY (book_id)
        REFERENCES public.books (id) ON DELETE CASCADE,
    CONSTRAINT book_tags_tag_id_fkey FOREIGN KEY (tag_id)
        REFERENCES public.tags (id) ON DELETE CASCADE,
    CONSTRAINT fk_book_tags_automation_action FOREIGN KEY (automation_action_id)
        REFERENCES public.automation_actions (id) ON DELETE SET NULL
);
CREATE INDEX book_tags_book_id_idx ON public.book_tags (book_id);
CREATE INDEX book_tags_tag_id_idx ON public.book_tags (tag_id);
CREATE INDEX book_tags_automation_action_id_idx ON public.book_tags (automation_action_id);
ALTER TABLE public.book_tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own book tags" ON public.book_tags
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_tags.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own book tags" ON public.book_tags
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_tags.book_id AND books.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own book tags" ON public.book_tags
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.books
        WHERE books.id = book_tags.book_id AND books.user_id = auth.uid()));

CREATE TABLE public.highlight_tags (
    highlight_id         uuid        NOT NULL,
    tag_id               uuid        NOT NULL,
    automation_action_id uuid,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT highlight_tags_pkey PRIMARY KEY (highlight_id, tag_id),
    CONSTRAINT highlight_tags_highlight_id_fkey FOREIGN KEY (highlight_id)
        REFERENCES public.highlights (id) ON DELETE CASCADE,
    CONSTRAINT highlight_tags_tag_id_fkey FOREIGN KEY (tag_id)
        REFERENCES public.tags (id) ON DELETE CASCADE,
    CONSTRAINT fk_highlight_tags_automation_action FOREIGN KEY (automation_action_id)
        REFERENCES public.automation_actions (id) ON DELETE SET NULL
);
CREATE INDEX highlight_tags_highlight_id_idx ON public.highlight_tags (highlight_id);
CREATE INDEX highlight_tags_tag_id_idx ON public.highlight_tags (tag_id);
CREATE INDEX highlight_tags_automation_action_id_idx ON public.highlight_tags (automation_action_id);
ALTER TABLE public.highlight_tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own highlight tags" ON public.highlight_tags
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.highlights
        WHERE highlights.id = highlight_tags.highlight_id AND highlights.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own highlight tags" ON public.highlight_tags
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.highlights
        WHERE highlights.id = highlight_tags.highlight_id AND highlights.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own highlight tags" ON public.highlight_tags
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.highlights
        WHERE highlights.id = highlight_tags.highlight_id AND highlights.user_id = auth.uid()));

CREATE TABLE public.spark_tags (
    spark_id             uuid        NOT NULL,
    tag_id               uuid        NOT NULL,
    automation_action_id uuid,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT spark_tags_pkey PRIMARY KEY (spark_id, tag_id),
    CONSTRAINT spark_tags_spark_id_fkey FOREIGN KEY (spark_id)
        REFERENCES public.sparks (id) ON DELETE CASCADE,
    CONSTRAINT spark_tags_tag_id_fkey FOREIGN KEY (tag_id)
        REFERENCES public.tags (id) ON DELETE CASCADE,
    CONSTRAINT fk_spark_tags_automation_action FOREIGN KEY (automation_action_id)
        REFERENCES public.automation_actions (id) ON DELETE SET NULL
);
CREATE INDEX spark_tags_spark_id_idx ON public.spark_tags (spark_id);
CREATE INDEX spark_tags_tag_id_idx ON public.spark_tags (tag_id);
CREATE INDEX spark_tags_automation_action_id_idx ON public.spark_tags (automation_action_id);
ALTER TABLE public.spark_tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own spark tags" ON public.spark_tags
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.sparks
        WHERE sparks.id = spark_tags.spark_id AND sparks.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own spark tags" ON public.spark_tags
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.sparks
        WHERE sparks.id = spark_tags.spark_id AND sparks.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own spark tags" ON public.spark_tags
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.sparks
        WHERE sparks.id = spark_tags.spark_id AND sparks.user_id = auth.uid()));

-- ---------------------------------------------------------------------------
-- §2 usage-count views (#16, #17). Plain views (no security_invoker): they read
-- the tables with the owner's rights, bypassing RLS, and limit rows with
-- user_id = auth.uid() themselves; no JWT sub, no rows.
-- ---------------------------------------------------------------------------
CREATE VIEW public.category_usage_counts AS
SELECT c.id, c.name, c.slug, c.user_id, c.created_at, c.updated_at,
       (SELECT count(*) FROM public.book_categories bc WHERE bc.category_id = c.id)
     + (SELECT count(*) FROM public.highlight_categories hc WHERE hc.category_id = c.id)
     + (SELECT count(*) FROM public.spark_categories sc WHERE sc.category_id = c.id) AS usage_count
FROM public.categories c
WHERE c.user_id = auth.uid();

CREATE VIEW public.tag_usage_counts AS
SELECT t.id, t.name, t.user_id, t.created_at, t.updated_at,
       (SELECT count(*) FROM public.book_tags bt WHERE bt.tag_id = t.id)
     + (SELECT count(*) FROM public.highlight_tags ht WHERE ht.tag_id = t.id)
     + (SELECT count(*) FROM public.spark_tags st WHERE st.tag_id = t.id) AS usage_count
FROM public.tags t
WHERE t.user_id = auth.uid();

-- ---------------------------------------------------------------------------
-- §1.10, §1.11 notes and the note link tables (#19). Link policies check that
-- the note is the caller's; the resource side is not checked; no UPDATE.
-- ---------------------------------------------------------------------------
CREATE TABLE public.notes (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL,
    content    text        NOT NULL,
    title      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notes_pkey PRIMARY KEY (id),
    CONSTRAINT notes_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES auth.users (id) ON DELETE CASCADE
);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own notes" ON public.notes
    FOR SELECT USING (auth.uid() = user_id);
CREATE POLICY "Users can insert their own notes" ON public.notes
    FOR INSERT WITH CHECK (auth.uid() = user_id);
CREATE POLICY "Users can update their own notes" ON public.notes
    FOR UPDATE USING (auth.uid() = user_id);
CREATE POLICY "Users can delete their own notes" ON public.notes
    FOR DELETE USING (auth.uid() = user_id);
CREATE INDEX notes_user_id_idx ON public.notes (user_id);
CREATE INDEX notes_content_idx ON public.notes USING gin (to_tsvector('english', content));
CREATE INDEX notes_title_idx ON public.notes USING gin (to_tsvector('english', title));
CREATE TRIGGER update_notes_modified_timestamp
    BEFORE UPDATE ON public.notes
    FOR EACH ROW EXECUTE FUNCTION public.update_modified_timestamp();

CREATE TABLE public.book_notes (
    book_id    uuid        NOT NULL,
    note_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT book_notes_pkey PRIMARY KEY (book_id, note_id),
    CONSTRAINT book_notes_book_id_fkey FOREIGN KEY (book_id)
        REFERENCES public.books (id) ON DELETE CASCADE,
    CONSTRAINT book_notes_note_id_fkey FOREIGN KEY (note_id)
        REFERENCES public.notes (id) ON DELETE CASCADE
);
CREATE TABLE public.highlight_notes (
    highlight_id uuid        NOT NULL,
    note_id      uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT highlight_notes_pkey PRIMARY KEY (highlight_id, note_id),
    CONSTRAINT highlight_notes_highlight_id_fkey FOREIGN KEY (highlight_id)
        REFERENCES public.highlights (id) ON DELETE CASCADE,
    CONSTRAINT highlight_notes_note_id_fkey FOREIGN KEY (note_id)
        REFERENCES public.notes (id) ON DELETE CASCADE
);
CREATE TABLE public.spark_notes (
    spark_id   uuid        NOT NULL,
    note_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT spark_notes_pkey PRIMARY KEY (spark_id, note_id),
    CONSTRAINT spark_notes_spark_id_fkey FOREIGN KEY (spark_id)
        REFERENCES public.sparks (id) ON DELETE CASCADE,
    CONSTRAINT spark_notes_note_id_fkey FOREIGN KEY (note_id)
        REFERENCES public.notes (id) ON DELETE CASCADE
);
ALTER TABLE public.book_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.highlight_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.spark_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can only view their own book notes" ON public.book_notes
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = book_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own book notes" ON public.book_notes
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = book_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own book notes" ON public.book_notes
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = book_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only view their own highlight notes" ON public.highlight_notes
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = highlight_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own highlight notes" ON public.highlight_notes
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = highlight_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own highlight notes" ON public.highlight_notes
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = highlight_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only view their own spark notes" ON public.spark_notes
    FOR SELECT USING (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = spark_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only insert their own spark notes" ON public.spark_notes
    FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = spark_notes.note_id AND notes.user_id = auth.uid()));
CREATE POLICY "Users can only delete their own spark notes" ON public.spark_notes
    FOR DELETE USING (EXISTS (SELECT 1 FROM public.notes
        WHERE notes.id = spark_notes.note_id AND notes.user_id = auth.uid()));
CREATE INDEX book_notes_book_id_idx ON public.book_notes (book_id);
CREATE INDEX book_notes_note_id_idx ON public.book_notes (note_id);
CREATE INDEX highlight_notes_highlight_id_idx ON public.highlight_notes (highlight_id);
CREATE INDEX highlight_notes_note_id_idx ON public.highlight_notes (note_id);
CREATE INDEX spark_notes_spark_id_idx ON public.spark_notes (spark_id);
CREATE INDEX spark_notes_note_id_idx ON public.spark_notes (note_id);

-- ---------------------------------------------------------------------------
-- §3.3 the two leftover RPCs (#11, #14). They name categorization_jobs,
-- categorization_job_actions, job_action_id and created_by_job_id, all gone
-- since #21/#23; plpgsql does not resolve names at CREATE time, so they exist
-- and fail when called. The bodies here are the gist (status update, then the
-- junction/label deletes), not the files' text.
-- ---------------------------------------------------------------------------
CREATE FUNCTION public.approve_categorization_job(job_id_param uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
AS $$
BEGIN
    UPDATE categorization_jobs SET status = 'approved' WHERE id = job_id_param;
END;
$$;

CREATE FUNCTION public.reject_categorization_job(job_id_param uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
AS $$
BEGIN
    UPDATE categorization_jobs SET status = 'rejected' WHERE id = job_id_param;
    DELETE FROM book_categories WHERE job_action_id IN (SELECT id FROM categorization_job_actions
        WHERE job_id = job_id_param AND action_type IN ('add_category', 'create_category'));
    DELETE FROM highlight_categories WHERE job_action_id IN (SELECT id FROM categorization_job_actions
        WHERE job_id = job_id_param AND action_type IN ('add_category', 'create_category'));
    DELETE FROM spark_categories WHERE job_action_id IN (SELECT id FROM categorization_job_actions
        WHERE job_id = job_id_param AND action_type IN ('add_category', 'create_category'));
    DELETE FROM book_tags WHERE job_action_id IN (SELECT id FROM categorization_job_actions
        WHERE job_id = job_id_param AND action_type IN ('add_tag', 'create_tag'));
    DELETE FROM highlight_tags WHERE job_action_id IN (SELECT id FROM categorization_job_actions
        WHERE job_id = job_id_param AND action_type IN ('add_tag', 'create_tag'));
    DELETE FROM spark_tags WHERE job_action_id IN (SELECT id FROM categorization_job_actions
        WHERE job_id = job_id_param AND action_type IN ('add_tag', 'create_tag'));
    DELETE FROM categories WHERE created_by_job_id = job_id_param;
    DELETE FROM tags WHERE created_by_job_id = job_id_param;
END;
$$;

-- ---------------------------------------------------------------------------
-- §3.1 search_highlights_keyword as #28 leaves it, minus the two embedding
-- result columns (see header). SECURITY INVOKER, plpgsql, no search_path; the
-- search text is not escaped (ILIKE wildcards pass through).
-- ---------------------------------------------------------------------------
CREATE FUNCTION public.search_highlights_keyword(
    search_text   text,
    match_user_id uuid,
    match_count   int DEFAULT 10
)
RETURNS TABLE (
    id                uuid,
    user_id           uuid,
    book_id           uuid,
    rw_id             integer,
    rw_text           text,
    rw_note           text,
    rw_location       text,
    rw_location_type  text,
    rw_highlighted_at timestamptz,
    rw_url            text,
    rw_color          text,
    rw_updated        timestamptz,
    rw_book_id        integer,
    rw_tags           jsonb,
    created_at        timestamptz,
    updated_at        timestamptz,
    rank              real
)
LANGUAGE plpgsql
AS $$
BEGIN
    RETURN QUERY
    SELECT h.id, h.user_id, h.book_id, h.rw_id, h.rw_text, h.rw_note, h.rw_location,
           h.rw_location_type, h.rw_highlighted_at, h.rw_url, h.rw_color, h.rw_updated,
           h.rw_book_id, h.rw_tags, h.created_at, h.updated_at,
           ts_rank(to_tsvector('english', h.rw_text), plainto_tsquery('english', search_text)) AS rank
    FROM highlights h
    WHERE h.user_id = match_user_id
      AND (h.rw_text ILIKE '%' || search_text || '%' OR h.rw_note ILIKE '%' || search_text || '%')
    ORDER BY rank DESC
    LIMIT match_count;
END;
$$;

-- ---------------------------------------------------------------------------
-- §7 the Supabase CLI's migration history, as the CLI creates it.
-- ---------------------------------------------------------------------------
CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (
    version    text PRIMARY KEY,
    statements text[],
    name       text
);
INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES
    ('20250330160115', 'setup_auth_profiles'),
    ('20250330161950', 'add_helper_functions'),
    ('20250330170239', 'user_settings'),
    ('20250331142613', 'create_function_logs_table'),
    ('20250331152652', 'add_run_id_and_uniqueness_to_function_logs'),
    ('20250331170823', 'create_books_table'),
    ('20250331213625', 'create_highlights_table'),
    ('20250331236000', 'enable_realtime_for_function_logs'),
    ('20250401130829', 'create_categories_tables'),
    ('20250401130949', 'create_tags_tables'),
    ('20250401132023', 'create_categorization_jobs'),
    ('20250401154451', 'create_sparks_table'),
    ('20250401154604', 'create_spark_junction_tables'),
    ('20250401154640', 'update_categorization_for_sparks'),
    ('20250403163005', 'add_user_id_to_categories_and_tags'),
    ('20250403173000', 'create_category_usage_counts_view'),
    ('20250403173001', 'create_tag_usage_counts_view'),
    ('20250403173002', 'update_tags_unique_name'),
    ('20250404170941', 'create_notes_table'),
    ('20250406174036', 'add_status_to_job_actions'),
    ('20250406223314', 'add_jsonb_to_job_actions'),
    ('20250407000245', 'rename_automation_tables'),
    ('20250408000000', 'rename_junction_table_columns'),
    ('20250408010000', 'add_reverted_status_to_automations'),
    ('20250408010100', 'fix_automation_status_constraint'),
    ('20250408010200', 'ensure_automation_policies'),
    ('20251009131127', 'add_embeddings_to_highlights'),
    ('20251009200000', 'fix_search_highlights_keyword_rank_type');

-- The original Spark database's schema (docs/data.md), which its frontend
-- reads directly, with its defects fixed: 64-bit Readwise ids, tag names,
-- category slugs and spark uids and to-do ids unique per user, function logs
-- unique by run. Every statement also works on a database that already has
-- the original's tables, and upgrades them in place. There is no foreign key
-- to auth.users: plain PostgreSQL has none; an original database keeps its own.

CREATE TABLE IF NOT EXISTS profiles (
    id         uuid PRIMARY KEY,
    email      text NOT NULL,
    full_name  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The client-owned settings document; never a secret (see credentials).
CREATE TABLE IF NOT EXISTS user_settings (
    id         uuid PRIMARY KEY,
    settings   jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS function_logs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    function_name text NOT NULL,
    function_id   text,
    status        text NOT NULL CHECK (status IN ('started', 'completed', 'failed')),
    started_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    duration_ms   integer,
    input_params  jsonb,
    result_data   jsonb,
    error_message text,
    error_stack   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    user_id       uuid, -- NULL for runs that serve no single user
    run_id        text
);
ALTER TABLE function_logs ADD COLUMN IF NOT EXISTS event_name text;
-- The original's unique (function_id, run_id) lets one run id repeat (NULL
-- function ids never collide). Every row is kept: the earliest keeps the run
-- id, each other one becomes "<run id>/<row id>", with its updated_at as it
-- was (the original's updated_at trigger is held off meanwhile).
DO $$
DECLARE
    triggers text[];
    t        text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM function_logs GROUP BY run_id HAVING count(*) > 1 AND run_id IS NOT NULL) THEN
        RETURN;
    END IF;
    SELECT array_agg(tgname) INTO triggers FROM pg_trigger
    WHERE tgrelid = 'function_logs'::regclass AND NOT tgisinternal AND tgenabled <> 'D';
    FOREACH t IN ARRAY coalesce(triggers, '{}') LOOP
        EXECUTE format('ALTER TABLE function_logs DISABLE TRIGGER %I', t);
    END LOOP;
    UPDATE function_logs f SET run_id = f.run_id || '/' || f.id
    FROM (SELECT id, row_number() OVER (PARTITION BY run_id ORDER BY started_at, id) AS n
          FROM function_logs WHERE run_id IS NOT NULL) d
    WHERE d.id = f.id AND d.n > 1;
    FOREACH t IN ARRAY coalesce(triggers, '{}') LOOP
        EXECUTE format('ALTER TABLE function_logs ENABLE TRIGGER %I', t);
    END LOOP;
END
$$;
ALTER TABLE function_logs DROP CONSTRAINT IF EXISTS function_logs_function_id_run_id_unique;
CREATE UNIQUE INDEX IF NOT EXISTS function_logs_run_id_key ON function_logs (run_id);
-- The log list: a user's runs, maybe of one function or status, newest
-- first (0011 makes it hold the function and status too).
CREATE INDEX IF NOT EXISTS function_logs_user_id_started_at_idx ON function_logs (user_id, started_at, run_id);

-- The early books shape, left by the original's first books migration
-- (deleted; its replacement skipped an existing table): six columns without
-- the rw_ prefix, rw_id unique across users, user_id and rw_id nullable. It
-- becomes the standard shape, every row kept. A book without a user or a
-- Readwise id has no place there: stop, naming it, and change nothing.
DO $$
DECLARE
    bad text;
    c   text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'books' AND column_name = 'title')
       OR EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name = 'books' AND column_name = 'rw_title') THEN
        RETURN;
    END IF;
    SELECT id INTO bad FROM books WHERE user_id IS NULL ORDER BY id LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'cannot upgrade table books: book % has no user_id; give it its owner or delete it, then start again', bad;
    END IF;
    SELECT id INTO bad FROM books WHERE rw_id IS NULL ORDER BY id LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'cannot upgrade table books: book % has no rw_id; give it its Readwise id or delete it, then start again', bad;
    END IF;
    FOREACH c IN ARRAY ARRAY['title', 'author', 'source', 'cover_image_url', 'highlights_url', 'asin'] LOOP
        EXECUTE format('ALTER TABLE books RENAME COLUMN %I TO %I', c, 'rw_' || c);
    END LOOP;
    ALTER TABLE books
        ALTER COLUMN rw_title DROP NOT NULL,
        ALTER COLUMN rw_num_highlights DROP DEFAULT,
        ALTER COLUMN user_id SET NOT NULL,
        ALTER COLUMN rw_id SET NOT NULL,
        ADD COLUMN rw_source_url text,
        ADD COLUMN rw_tags text[],
        ADD COLUMN rw_document_note text,
        DROP CONSTRAINT IF EXISTS books_rw_id_key,
        ADD CONSTRAINT books_user_id_rw_id_key UNIQUE (user_id, rw_id);
END
$$;

CREATE TABLE IF NOT EXISTS books (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id              uuid NOT NULL,
    rw_id                bigint NOT NULL,
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
    CONSTRAINT books_user_id_rw_id_key UNIQUE (user_id, rw_id)
);
ALTER TABLE books ALTER COLUMN rw_id TYPE bigint;
-- The export's fields the original has no column for.
ALTER TABLE books
    ADD COLUMN IF NOT EXISTS rw_readable_title text,
    ADD COLUMN IF NOT EXISTS rw_unique_url text,
    ADD COLUMN IF NOT EXISTS rw_summary text,
    ADD COLUMN IF NOT EXISTS rw_external_id text;

CREATE TABLE IF NOT EXISTS highlights (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           uuid NOT NULL,
    book_id           uuid NOT NULL CONSTRAINT highlights_book_id_fkey REFERENCES books (id) ON DELETE CASCADE,
    rw_id             bigint NOT NULL,
    rw_text           text,
    rw_note           text,
    rw_location       text,
    rw_location_type  text,
    rw_highlighted_at timestamptz,
    rw_url            text,
    rw_color          text,
    rw_updated        timestamptz,
    rw_book_id        bigint,
    rw_tags           jsonb, -- [{"id","name"}] as Readwise sends them
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT highlights_user_id_rw_id_key UNIQUE (user_id, rw_id)
);
ALTER TABLE highlights ALTER COLUMN rw_id TYPE bigint, ALTER COLUMN rw_book_id TYPE bigint;
CREATE INDEX IF NOT EXISTS highlights_book_id_idx ON highlights (book_id);
ALTER TABLE highlights
    ADD COLUMN IF NOT EXISTS embedding_updated_at timestamptz,
    -- The export's fields the original has no column for.
    ADD COLUMN IF NOT EXISTS rw_end_location bigint,
    ADD COLUMN IF NOT EXISTS rw_is_favorite boolean,
    ADD COLUMN IF NOT EXISTS rw_is_discard boolean,
    ADD COLUMN IF NOT EXISTS rw_external_id text,
    ADD COLUMN IF NOT EXISTS rw_readwise_url text,
    ADD COLUMN IF NOT EXISTS rw_created_at timestamptz;
-- pgvector where the server has it, as the original; else a plain array.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
        ALTER TABLE highlights ADD COLUMN IF NOT EXISTS embedding vector(1536);
        CREATE INDEX IF NOT EXISTS highlights_embedding_idx ON highlights
            USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
    ELSE
        ALTER TABLE highlights ADD COLUMN IF NOT EXISTS embedding real[];
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS automations (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL,
    name       text NOT NULL,
    source     text NOT NULL,
    status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'reverted')),
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_automations_user_id ON automations (user_id);

CREATE TABLE IF NOT EXISTS automation_actions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    automation_id uuid NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
    action_data   jsonb NOT NULL,
    status        varchar(20) NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'executing', 'executed', 'failed', 'rejected', 'reverted')),
    executed_at   timestamptz,
    created_at    timestamptz DEFAULT now(),
    updated_at    timestamptz DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_automation_actions_automation_id ON automation_actions (automation_id);

CREATE TABLE IF NOT EXISTS categories (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                     text NOT NULL,
    slug                     text NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    created_by_automation_id uuid CONSTRAINT fk_categories_created_by_automation REFERENCES automations (id) ON DELETE SET NULL,
    user_id                  uuid NOT NULL
);
ALTER TABLE categories DROP CONSTRAINT IF EXISTS categories_slug_key;
CREATE UNIQUE INDEX IF NOT EXISTS categories_user_id_slug_key ON categories (user_id, slug);

CREATE TABLE IF NOT EXISTS tags (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                     text NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    created_by_automation_id uuid CONSTRAINT fk_tags_created_by_automation REFERENCES automations (id) ON DELETE SET NULL,
    user_id                  uuid NOT NULL,
    CONSTRAINT tags_name_user_id_unique UNIQUE (name, user_id)
);
ALTER TABLE tags DROP CONSTRAINT IF EXISTS tags_name_key;

CREATE TABLE IF NOT EXISTS sparks (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid NOT NULL,
    body            text NOT NULL,
    todo_created_at timestamptz,
    todo_id         text,
    md5_uid         text, -- the Airtable import's uid, as the original stored it
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE sparks ADD COLUMN IF NOT EXISTS airtable_record_id text;
ALTER TABLE sparks DROP CONSTRAINT IF EXISTS sparks_todo_id_key, DROP CONSTRAINT IF EXISTS sparks_md5_uid_key;
CREATE UNIQUE INDEX IF NOT EXISTS sparks_user_id_md5_uid_key ON sparks (user_id, md5_uid);
CREATE UNIQUE INDEX IF NOT EXISTS sparks_user_id_todo_id_key ON sparks (user_id, todo_id);

-- The six tagging tables, one shape: (resource, label) with who made the link.
CREATE TABLE IF NOT EXISTS book_categories (
    book_id              uuid NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    category_id          uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    automation_action_id uuid CONSTRAINT fk_book_categories_automation_action REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (book_id, category_id)
);
CREATE INDEX IF NOT EXISTS book_categories_category_id_idx ON book_categories (category_id);

CREATE TABLE IF NOT EXISTS highlight_categories (
    highlight_id         uuid NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    category_id          uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    automation_action_id uuid CONSTRAINT fk_highlight_categories_automation_action REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (highlight_id, category_id)
);
CREATE INDEX IF NOT EXISTS highlight_categories_category_id_idx ON highlight_categories (category_id);

CREATE TABLE IF NOT EXISTS spark_categories (
    spark_id             uuid NOT NULL REFERENCES sparks (id) ON DELETE CASCADE,
    category_id          uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    automation_action_id uuid CONSTRAINT fk_spark_categories_automation_action REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (spark_id, category_id)
);
CREATE INDEX IF NOT EXISTS spark_categories_category_id_idx ON spark_categories (category_id);

CREATE TABLE IF NOT EXISTS book_tags (
    book_id              uuid NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    tag_id               uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    automation_action_id uuid CONSTRAINT fk_book_tags_automation_action REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (book_id, tag_id)
);
CREATE INDEX IF NOT EXISTS book_tags_tag_id_idx ON book_tags (tag_id);

CREATE TABLE IF NOT EXISTS highlight_tags (
    highlight_id         uuid NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    tag_id               uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    automation_action_id uuid CONSTRAINT fk_highlight_tags_automation_action REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (highlight_id, tag_id)
);
CREATE INDEX IF NOT EXISTS highlight_tags_tag_id_idx ON highlight_tags (tag_id);

CREATE TABLE IF NOT EXISTS spark_tags (
    spark_id             uuid NOT NULL REFERENCES sparks (id) ON DELETE CASCADE,
    tag_id               uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    automation_action_id uuid CONSTRAINT fk_spark_tags_automation_action REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (spark_id, tag_id)
);
CREATE INDEX IF NOT EXISTS spark_tags_tag_id_idx ON spark_tags (tag_id);

CREATE TABLE IF NOT EXISTS notes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL,
    content    text NOT NULL,
    title      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notes_user_id_idx ON notes (user_id);

CREATE TABLE IF NOT EXISTS book_notes (
    book_id    uuid NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    note_id    uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (book_id, note_id)
);
CREATE TABLE IF NOT EXISTS highlight_notes (
    highlight_id uuid NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    note_id      uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (highlight_id, note_id)
);
CREATE TABLE IF NOT EXISTS spark_notes (
    spark_id   uuid NOT NULL REFERENCES sparks (id) ON DELETE CASCADE,
    note_id    uuid NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (spark_id, note_id)
);

-- This backend's own tables: the frontend never reads them. On a database
-- that had this backend's first schema they exist already (see 0004).
CREATE TABLE IF NOT EXISTS credentials (
    user_id    uuid NOT NULL,
    provider   text NOT NULL,
    secret     bytea NOT NULL, -- ciphertext; encryption happens above the store
    base_id    text NOT NULL DEFAULT '',
    table_id   text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Each write numbered, and the newest kept credential (see 0003).
    writes        bigint NOT NULL DEFAULT 0,
    version       bigint NOT NULL DEFAULT 0,
    kept_secret   bytea  NOT NULL DEFAULT ''::bytea,
    kept_base_id  text   NOT NULL DEFAULT '',
    kept_table_id text   NOT NULL DEFAULT '',
    kept_version  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, provider)
);
CREATE INDEX IF NOT EXISTS credentials_provider_user_id ON credentials (provider, user_id);

CREATE TABLE IF NOT EXISTS readwise_state (
    user_id             uuid PRIMARY KEY,
    is_connected        boolean NOT NULL DEFAULT FALSE,
    last_error          text NOT NULL DEFAULT '',
    book_count          bigint NOT NULL DEFAULT 0,
    last_sync_time      timestamptz,
    last_full_sync_time timestamptz,
    books_updated_seen  timestamptz,
    highlights_cursor   timestamptz,
    full_sync_done      boolean NOT NULL DEFAULT FALSE,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS airtable_state (
    user_id      uuid PRIMARY KEY,
    is_connected boolean NOT NULL DEFAULT FALSE,
    last_error   text NOT NULL DEFAULT '',
    last_import  jsonb CHECK (jsonb_typeof(last_import) = 'object'), -- the last import's summary; NULL until one completes
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- This backend's first schema (with 0002 and 0003), replaced by the original's
-- in 0004-0006, which convert a database that has it. It runs only where no user_settings table
-- exists yet: a database that already has the original's tables skips it.
DO $v1$
BEGIN
IF to_regclass('user_settings') IS NOT NULL THEN
    RETURN;
END IF;
EXECUTE $ddl$
-- Spark's schema (docs/data.md). Every table is scoped by user_id, the token's sub.
-- Text columns are NOT NULL with '' for "absent"; a NULL timestamp means "never".

CREATE TABLE user_settings (
    user_id    TEXT PRIMARY KEY,
    settings   JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE credentials (
    -- Byte order, as in SQLite and Go, so paging by user id agrees everywhere.
    user_id    TEXT COLLATE "C" NOT NULL,
    provider   TEXT NOT NULL,
    secret     BYTEA NOT NULL, -- ciphertext; encryption happens above the store
    base_id    TEXT NOT NULL DEFAULT '',
    table_id   TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, provider)
);
CREATE INDEX credentials_provider_user_id ON credentials (provider, user_id);

CREATE TABLE readwise_state (
    user_id             TEXT PRIMARY KEY,
    is_connected        BOOLEAN NOT NULL DEFAULT FALSE,
    last_error          TEXT NOT NULL DEFAULT '',
    book_count          BIGINT NOT NULL DEFAULT 0,
    last_sync_time      TIMESTAMPTZ,
    last_full_sync_time TIMESTAMPTZ,
    books_updated_seen  TIMESTAMPTZ,
    highlights_cursor   TIMESTAMPTZ,
    full_sync_done      BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE airtable_state (
    user_id      TEXT PRIMARY KEY,
    is_connected BOOLEAN NOT NULL DEFAULT FALSE,
    last_error   TEXT NOT NULL DEFAULT '',
    last_import  JSONB CHECK (jsonb_typeof(last_import) = 'object'), -- the last import's summary; NULL until one completes
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Readwise books: the LIST object's fields plus the EXPORT-only ones.
CREATE TABLE books (
    user_id           TEXT NOT NULL,
    rw_id             BIGINT NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    num_highlights    BIGINT NOT NULL DEFAULT 0,
    last_highlight_at TIMESTAMPTZ,
    updated           TIMESTAMPTZ, -- Readwise's own
    cover_image_url   TEXT NOT NULL DEFAULT '',
    source_url        TEXT NOT NULL DEFAULT '',
    asin              TEXT NOT NULL DEFAULT '',
    tags              JSONB NOT NULL DEFAULT '[]', -- [{"id","name"}] as Readwise sends them
    document_note     TEXT NOT NULL DEFAULT '',
    readable_title    TEXT NOT NULL DEFAULT '',
    unique_url        TEXT NOT NULL DEFAULT '',
    summary           TEXT NOT NULL DEFAULT '',
    readwise_url      TEXT NOT NULL DEFAULT '', -- LIST's highlights_url and EXPORT's readwise_url: one link
    external_id       TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, rw_id)
);
CREATE INDEX books_user_id_updated ON books (user_id, updated);

-- Readwise highlights; the composite foreign key lets a highlight attach
-- only to a book of the same user.
CREATE TABLE highlights (
    user_id        TEXT NOT NULL,
    rw_id          BIGINT NOT NULL,
    book_rw_id     BIGINT NOT NULL,
    text           TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    location       BIGINT,
    location_type  TEXT NOT NULL DEFAULT '',
    highlighted_at TIMESTAMPTZ,
    url            TEXT NOT NULL DEFAULT '',
    color          TEXT NOT NULL DEFAULT '',
    updated        TIMESTAMPTZ, -- Readwise's own (updated_at in the export)
    tags           JSONB NOT NULL DEFAULT '[]',
    is_favorite    BOOLEAN NOT NULL DEFAULT FALSE,
    is_discard     BOOLEAN NOT NULL DEFAULT FALSE,
    end_location   BIGINT,
    external_id    TEXT NOT NULL DEFAULT '',
    readwise_url   TEXT NOT NULL DEFAULT '',
    rw_created_at  TIMESTAMPTZ, -- Readwise's created_at
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, rw_id),
    FOREIGN KEY (user_id, book_rw_id) REFERENCES books (user_id, rw_id) ON DELETE CASCADE
);
CREATE INDEX highlights_user_id_book_rw_id ON highlights (user_id, book_rw_id);
CREATE INDEX highlights_user_id_updated ON highlights (user_id, updated);

CREATE TABLE tags (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    TEXT NOT NULL,
    name       TEXT COLLATE "C" NOT NULL, -- byte order, as SQLite sorts it
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, name),
    UNIQUE (user_id, id) -- target of links that must stay within one user
);

CREATE TABLE highlight_tags (
    user_id         TEXT NOT NULL,
    highlight_rw_id BIGINT NOT NULL,
    tag_id          BIGINT NOT NULL,
    created_by      TEXT NOT NULL, -- e.g. 'readwise', 'airtable-import', 'user'
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, highlight_rw_id, tag_id),
    FOREIGN KEY (user_id, highlight_rw_id) REFERENCES highlights (user_id, rw_id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, tag_id) REFERENCES tags (user_id, id) ON DELETE CASCADE
);
CREATE INDEX highlight_tags_user_id_tag_id ON highlight_tags (user_id, tag_id);

CREATE TABLE sparks (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            TEXT NOT NULL,
    uid                TEXT NOT NULL CHECK (uid <> ''), -- records without one are skipped, never stored
    body               TEXT NOT NULL,
    todo_id            TEXT NOT NULL DEFAULT '',
    todo_created_at    TIMESTAMPTZ,
    airtable_record_id TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, uid),
    UNIQUE (user_id, id)
);

CREATE TABLE categories (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    slug       TEXT COLLATE "C" NOT NULL, -- byte order, as SQLite sorts it
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, slug),
    UNIQUE (user_id, id)
);

-- Spark links carry user_id so that the foreign keys keep both ends in one user.
CREATE TABLE spark_categories (
    user_id     TEXT NOT NULL,
    spark_id    BIGINT NOT NULL,
    category_id BIGINT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (spark_id, category_id),
    FOREIGN KEY (user_id, spark_id) REFERENCES sparks (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, category_id) REFERENCES categories (user_id, id) ON DELETE CASCADE
);
CREATE INDEX spark_categories_user_id_category_id ON spark_categories (user_id, category_id);

CREATE TABLE spark_tags (
    user_id    TEXT NOT NULL,
    spark_id   BIGINT NOT NULL,
    tag_id     BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (spark_id, tag_id),
    FOREIGN KEY (user_id, spark_id) REFERENCES sparks (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, tag_id) REFERENCES tags (user_id, id) ON DELETE CASCADE
);
CREATE INDEX spark_tags_user_id_tag_id ON spark_tags (user_id, tag_id);

CREATE TABLE function_logs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id        TEXT NOT NULL UNIQUE,
    function_id   TEXT NOT NULL,
    function_name TEXT COLLATE "C" NOT NULL, -- byte order, as SQLite sorts it
    user_id       TEXT, -- NULL for runs that serve no single user, e.g. the scheduler
    event_name    TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('started', 'completed', 'failed')),
    started_at    TIMESTAMPTZ NOT NULL,
    completed_at  TIMESTAMPTZ,
    duration_ms   BIGINT,
    input         JSONB, -- secrets removed before writing
    result        JSONB, -- latest step output, then the final result
    error_message TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The log list: a user's runs, maybe of one function or status, newest first;
-- id breaks ties so that offset paging is stable.
CREATE INDEX function_logs_user_id_started_at ON function_logs (user_id, started_at, id);
CREATE INDEX function_logs_user_id_function_name ON function_logs (user_id, function_name, started_at, id);
CREATE INDEX function_logs_user_id_status ON function_logs (user_id, status, started_at, id);
$ddl$;
END
$v1$;

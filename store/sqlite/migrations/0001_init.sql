-- Spark's schema (docs/data.md), the SQLite twin of the PostgreSQL one.
-- Tables are STRICT so a value of the wrong type is an error, not a surprise.
-- Times are TEXT in the fixed-width UTC form 2006-01-02T15:04:05.000000Z, so
-- text order is time order; the defaults write that same form.
-- JSON is TEXT checked with json_valid (or json_type, which fails on invalid
-- JSON too), as JSONB checks it on PostgreSQL.
-- Booleans are INTEGER 0 or 1. A NULL timestamp means "never".

CREATE TABLE user_settings (
    user_id    TEXT PRIMARY KEY,
    settings   TEXT NOT NULL CHECK (json_valid(settings)),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;

CREATE TABLE credentials (
    user_id    TEXT NOT NULL,
    provider   TEXT NOT NULL,
    secret     BLOB NOT NULL, -- ciphertext; encryption happens above the store
    base_id    TEXT NOT NULL DEFAULT '',
    table_id   TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (user_id, provider)
) STRICT;
CREATE INDEX credentials_provider_user_id ON credentials (provider, user_id);

CREATE TABLE readwise_state (
    user_id             TEXT PRIMARY KEY,
    is_connected        INTEGER NOT NULL DEFAULT 0 CHECK (is_connected IN (0, 1)),
    last_error          TEXT NOT NULL DEFAULT '',
    book_count          INTEGER NOT NULL DEFAULT 0,
    last_sync_time      TEXT,
    last_full_sync_time TEXT,
    books_updated_seen  TEXT,
    highlights_cursor   TEXT,
    full_sync_done      INTEGER NOT NULL DEFAULT 0 CHECK (full_sync_done IN (0, 1)),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;

CREATE TABLE airtable_state (
    user_id      TEXT PRIMARY KEY,
    is_connected INTEGER NOT NULL DEFAULT 0 CHECK (is_connected IN (0, 1)),
    last_error   TEXT NOT NULL DEFAULT '',
    last_import  TEXT CHECK (json_type(last_import) = 'object'), -- the last import's summary; NULL until one completes
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;

-- Readwise books: the LIST object's fields plus the EXPORT-only ones.
CREATE TABLE books (
    user_id           TEXT NOT NULL,
    rw_id             INTEGER NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    num_highlights    INTEGER NOT NULL DEFAULT 0,
    last_highlight_at TEXT,
    updated           TEXT, -- Readwise's own
    cover_image_url   TEXT NOT NULL DEFAULT '',
    source_url        TEXT NOT NULL DEFAULT '',
    asin              TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)), -- [{"id","name"}] as Readwise sends them
    document_note     TEXT NOT NULL DEFAULT '',
    readable_title    TEXT NOT NULL DEFAULT '',
    unique_url        TEXT NOT NULL DEFAULT '',
    summary           TEXT NOT NULL DEFAULT '',
    readwise_url      TEXT NOT NULL DEFAULT '', -- LIST's highlights_url and EXPORT's readwise_url: one link
    external_id       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (user_id, rw_id)
) STRICT;
CREATE INDEX books_user_id_updated ON books (user_id, updated);

-- Readwise highlights; the composite foreign key lets a highlight attach
-- only to a book of the same user.
CREATE TABLE highlights (
    user_id        TEXT NOT NULL,
    rw_id          INTEGER NOT NULL,
    book_rw_id     INTEGER NOT NULL,
    text           TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    location       INTEGER,
    location_type  TEXT NOT NULL DEFAULT '',
    highlighted_at TEXT,
    url            TEXT NOT NULL DEFAULT '',
    color          TEXT NOT NULL DEFAULT '',
    updated        TEXT, -- Readwise's own (updated_at in the export)
    tags           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    is_favorite    INTEGER NOT NULL DEFAULT 0 CHECK (is_favorite IN (0, 1)),
    is_discard     INTEGER NOT NULL DEFAULT 0 CHECK (is_discard IN (0, 1)),
    end_location   INTEGER,
    external_id    TEXT NOT NULL DEFAULT '',
    readwise_url   TEXT NOT NULL DEFAULT '',
    rw_created_at  TEXT, -- Readwise's created_at
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (user_id, rw_id),
    FOREIGN KEY (user_id, book_rw_id) REFERENCES books (user_id, rw_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX highlights_user_id_book_rw_id ON highlights (user_id, book_rw_id);
CREATE INDEX highlights_user_id_updated ON highlights (user_id, updated);

CREATE TABLE tags (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    UNIQUE (user_id, name),
    UNIQUE (user_id, id) -- target of links that must stay within one user
) STRICT;

CREATE TABLE highlight_tags (
    user_id         TEXT NOT NULL,
    highlight_rw_id INTEGER NOT NULL,
    tag_id          INTEGER NOT NULL,
    created_by      TEXT NOT NULL, -- e.g. 'readwise', 'airtable-import', 'user'
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (user_id, highlight_rw_id, tag_id),
    FOREIGN KEY (user_id, highlight_rw_id) REFERENCES highlights (user_id, rw_id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, tag_id) REFERENCES tags (user_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX highlight_tags_user_id_tag_id ON highlight_tags (user_id, tag_id);

CREATE TABLE sparks (
    id                 INTEGER PRIMARY KEY,
    user_id            TEXT NOT NULL,
    uid                TEXT NOT NULL CHECK (uid <> ''), -- records without one are skipped, never stored
    body               TEXT NOT NULL,
    todo_id            TEXT NOT NULL DEFAULT '',
    todo_created_at    TEXT,
    airtable_record_id TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    UNIQUE (user_id, uid),
    UNIQUE (user_id, id)
) STRICT;

CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    UNIQUE (user_id, slug),
    UNIQUE (user_id, id)
) STRICT;

-- Spark links carry user_id so that the foreign keys keep both ends in one user.
CREATE TABLE spark_categories (
    user_id     TEXT NOT NULL,
    spark_id    INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (spark_id, category_id),
    FOREIGN KEY (user_id, spark_id) REFERENCES sparks (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, category_id) REFERENCES categories (user_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX spark_categories_user_id_category_id ON spark_categories (user_id, category_id);

CREATE TABLE spark_tags (
    user_id    TEXT NOT NULL,
    spark_id   INTEGER NOT NULL,
    tag_id     INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (spark_id, tag_id),
    FOREIGN KEY (user_id, spark_id) REFERENCES sparks (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, tag_id) REFERENCES tags (user_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX spark_tags_user_id_tag_id ON spark_tags (user_id, tag_id);

CREATE TABLE function_logs (
    id            INTEGER PRIMARY KEY,
    run_id        TEXT NOT NULL UNIQUE,
    function_id   TEXT NOT NULL,
    function_name TEXT NOT NULL,
    user_id       TEXT, -- NULL for runs that serve no single user, e.g. the scheduler
    event_name    TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('started', 'completed', 'failed')),
    started_at    TEXT NOT NULL,
    completed_at  TEXT,
    duration_ms   INTEGER,
    input         TEXT CHECK (json_valid(input)), -- secrets removed before writing
    result        TEXT CHECK (json_valid(result)), -- latest step output, then the final result
    error_message TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;
-- The log list: a user's runs, maybe of one function or status, newest first;
-- id breaks ties so that offset paging is stable.
CREATE INDEX function_logs_user_id_started_at ON function_logs (user_id, started_at, id);
CREATE INDEX function_logs_user_id_function_name ON function_logs (user_id, function_name, started_at, id);
CREATE INDEX function_logs_user_id_status ON function_logs (user_id, status, started_at, id);

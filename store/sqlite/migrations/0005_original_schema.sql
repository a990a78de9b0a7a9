-- The original Spark database's schema (docs/data.md), the SQLite twin of
-- PostgreSQL's: the same tables and columns in the nearest types. uuids are
-- lower-case TEXT, generated as version 4 by the id defaults; jsonb is TEXT
-- checked with json_valid; text[] is a JSON array as TEXT; booleans are
-- INTEGER 0 or 1; times are TEXT in the fixed-width UTC form
-- 2006-01-02T15:04:05.000000Z, so text order is time order.

CREATE TABLE profiles (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    full_name  TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;

-- The client-owned settings document; never a secret (see credentials).
CREATE TABLE user_settings (
    id         TEXT PRIMARY KEY,
    settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;

CREATE TABLE function_logs (
    id            TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    function_name TEXT NOT NULL,
    function_id   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('started', 'completed', 'failed')),
    started_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    completed_at  TEXT,
    duration_ms   INTEGER,
    input_params  TEXT CHECK (json_valid(input_params)),
    result_data   TEXT CHECK (json_valid(result_data)),
    error_message TEXT,
    error_stack   TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    user_id       TEXT, -- NULL for runs that serve no single user
    run_id        TEXT,
    event_name    TEXT
) STRICT;
CREATE UNIQUE INDEX function_logs_run_id_key ON function_logs (run_id);
-- The log list: a user's runs, maybe of one function or status, newest first.
CREATE INDEX function_logs_user_id_started_at_idx ON function_logs (user_id, started_at, run_id);
CREATE INDEX function_logs_user_id_function_name_idx ON function_logs (user_id, function_name, started_at, run_id);
CREATE INDEX function_logs_user_id_status_idx ON function_logs (user_id, status, started_at, run_id);

CREATE TABLE books (
    id                   TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id              TEXT NOT NULL,
    rw_id                INTEGER NOT NULL,
    rw_title             TEXT,
    rw_author            TEXT,
    rw_category          TEXT,
    rw_source            TEXT,
    rw_num_highlights    INTEGER,
    rw_last_highlight_at TEXT,
    rw_updated           TEXT,
    rw_cover_image_url   TEXT,
    rw_highlights_url    TEXT,
    rw_source_url        TEXT,
    rw_asin              TEXT,
    rw_tags              TEXT CHECK (json_type(rw_tags) = 'array'), -- text[] on PostgreSQL
    rw_document_note     TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    -- The export's fields the original has no column for.
    rw_readable_title    TEXT,
    rw_unique_url        TEXT,
    rw_summary           TEXT,
    rw_external_id       TEXT,
    UNIQUE (user_id, rw_id)
) STRICT;

CREATE TABLE highlights (
    id                   TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id              TEXT NOT NULL,
    book_id              TEXT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    rw_id                INTEGER NOT NULL,
    rw_text              TEXT,
    rw_note              TEXT,
    rw_location          TEXT,
    rw_location_type     TEXT,
    rw_highlighted_at    TEXT,
    rw_url               TEXT,
    rw_color             TEXT,
    rw_updated           TEXT,
    rw_book_id           INTEGER,
    rw_tags              TEXT CHECK (json_valid(rw_tags)), -- [{"id","name"}] as Readwise sends them
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    embedding            BLOB,
    embedding_updated_at TEXT,
    -- The export's fields the original has no column for.
    rw_end_location      INTEGER,
    rw_is_favorite       INTEGER CHECK (rw_is_favorite IN (0, 1)),
    rw_is_discard        INTEGER CHECK (rw_is_discard IN (0, 1)),
    rw_external_id       TEXT,
    rw_readwise_url      TEXT,
    rw_created_at        TEXT,
    UNIQUE (user_id, rw_id)
) STRICT;
CREATE INDEX highlights_book_id_idx ON highlights (book_id);

CREATE TABLE automations (
    id         TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    source     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'reverted')),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;
CREATE INDEX idx_automations_user_id ON automations (user_id);

CREATE TABLE automation_actions (
    id            TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    automation_id TEXT NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
    action_data   TEXT NOT NULL CHECK (json_valid(action_data)),
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'executing', 'executed', 'failed', 'rejected', 'reverted')),
    executed_at   TEXT,
    created_at    TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at    TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;
CREATE INDEX idx_automation_actions_automation_id ON automation_actions (automation_id);

CREATE TABLE categories (
    id                       TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    name                     TEXT NOT NULL,
    slug                     TEXT NOT NULL,
    created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    created_by_automation_id TEXT REFERENCES automations (id) ON DELETE SET NULL,
    user_id                  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX categories_user_id_slug_key ON categories (user_id, slug);

CREATE TABLE tags (
    id                       TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    name                     TEXT NOT NULL,
    created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    created_by_automation_id TEXT REFERENCES automations (id) ON DELETE SET NULL,
    user_id                  TEXT NOT NULL,
    UNIQUE (name, user_id)
) STRICT;

CREATE TABLE sparks (
    id                 TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id            TEXT NOT NULL,
    body               TEXT NOT NULL,
    todo_created_at    TEXT,
    todo_id            TEXT,
    md5_uid            TEXT, -- the Airtable import's uid, as the original stored it
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    airtable_record_id TEXT
) STRICT;
CREATE UNIQUE INDEX sparks_user_id_md5_uid_key ON sparks (user_id, md5_uid);
CREATE UNIQUE INDEX sparks_user_id_todo_id_key ON sparks (user_id, todo_id);

-- The six tagging tables, one shape: (resource, label) with who made the link.
CREATE TABLE book_categories (
    book_id              TEXT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    category_id          TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    automation_action_id TEXT REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (book_id, category_id)
) STRICT;
CREATE INDEX book_categories_category_id_idx ON book_categories (category_id);

CREATE TABLE highlight_categories (
    highlight_id              TEXT NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    category_id          TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    automation_action_id TEXT REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (highlight_id, category_id)
) STRICT;
CREATE INDEX highlight_categories_category_id_idx ON highlight_categories (category_id);

CREATE TABLE spark_categories (
    spark_id              TEXT NOT NULL REFERENCES sparks (id) ON DELETE CASCADE,
    category_id          TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    automation_action_id TEXT REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (spark_id, category_id)
) STRICT;
CREATE INDEX spark_categories_category_id_idx ON spark_categories (category_id);

CREATE TABLE book_tags (
    book_id              TEXT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    tag_id          TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    automation_action_id TEXT REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (book_id, tag_id)
) STRICT;
CREATE INDEX book_tags_tag_id_idx ON book_tags (tag_id);

CREATE TABLE highlight_tags (
    highlight_id              TEXT NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    tag_id          TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    automation_action_id TEXT REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (highlight_id, tag_id)
) STRICT;
CREATE INDEX highlight_tags_tag_id_idx ON highlight_tags (tag_id);

CREATE TABLE spark_tags (
    spark_id              TEXT NOT NULL REFERENCES sparks (id) ON DELETE CASCADE,
    tag_id          TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    automation_action_id TEXT REFERENCES automation_actions (id) ON DELETE SET NULL,
    created_by           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (spark_id, tag_id)
) STRICT;
CREATE INDEX spark_tags_tag_id_idx ON spark_tags (tag_id);

CREATE TABLE notes (
    id         TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id    TEXT NOT NULL,
    content    TEXT NOT NULL,
    title      TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
) STRICT;
CREATE INDEX notes_user_id_idx ON notes (user_id);

CREATE TABLE book_notes (
    book_id TEXT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    note_id    TEXT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (book_id, note_id)
) STRICT;

CREATE TABLE highlight_notes (
    highlight_id TEXT NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
    note_id    TEXT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (highlight_id, note_id)
) STRICT;

CREATE TABLE spark_notes (
    spark_id TEXT NOT NULL REFERENCES sparks (id) ON DELETE CASCADE,
    note_id    TEXT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    PRIMARY KEY (spark_id, note_id)
) STRICT;

-- The usage counts the frontend reads, per user: filter them by user_id.
CREATE VIEW category_usage_counts AS
SELECT c.id, c.name, c.slug, c.user_id, c.created_at, c.updated_at,
       (SELECT count(*) FROM book_categories bc WHERE bc.category_id = c.id)
     + (SELECT count(*) FROM highlight_categories hc WHERE hc.category_id = c.id)
     + (SELECT count(*) FROM spark_categories sc WHERE sc.category_id = c.id) AS usage_count
FROM categories c;

CREATE VIEW tag_usage_counts AS
SELECT t.id, t.name, t.user_id, t.created_at, t.updated_at,
       (SELECT count(*) FROM book_tags bt WHERE bt.tag_id = t.id)
     + (SELECT count(*) FROM highlight_tags ht WHERE ht.tag_id = t.id)
     + (SELECT count(*) FROM spark_tags st WHERE st.tag_id = t.id) AS usage_count
FROM tags t;

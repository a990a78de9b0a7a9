-- original_rows.sql: two users' data in the original's standard schema.
-- Apply after supabase.sql and original_schema.sql, in one transaction:
--   psql -v ON_ERROR_STOP=1 -1 -f original_rows.sql <database url>
-- Inserted as the migrating role (RLS does not apply to the table owner), the
-- way the original's server wrote with the service role.
--
-- Every row has an explicit id: <owner>-<kind>-0000-0000-<n>, where owner is
-- the first group of the user's id (11111111, 22222222; 00000000 for a row of
-- no user) and kind is
--   0001 books        0004 tags       0007 automations
--   0002 highlights   0005 sparks     0008 automation_actions
--   0003 categories   0006 notes      0009 function_logs
-- e.g. 11111111-0002-0000-0000-000000000005 is user 1's fifth highlight.
-- Readwise ids: books 1000000n (user 1) / 2000000n (user 2), highlights
-- 3000000n / 4000000n; all below 2^31, as the original's integer columns need.
--
-- The original's global UNIQUEs (categories_slug_key, tags_name_key,
-- sparks_todo_id_key, sparks_md5_uid_key) forbid the two users from sharing a
-- category slug, a tag name, a todo_id or an md5_uid, so they share none here.
--
-- Secrets in clear, as the original stored them: user 1's Readwise token and
-- Airtable PAT in user_settings.settings, and the same tokens inside two
-- function_logs.input_params (the logger copied event payloads verbatim).
--   Readwise token: rw-clear-key-0123456789abcdef
--   Airtable PAT:   patAbCdEfGhIjKlMn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

-- ---------------------------------------------------------------------------
-- Users. The AFTER INSERT triggers create profiles (email, full_name from
-- raw_user_meta_data) and user_settings (the signup defaults).
-- ---------------------------------------------------------------------------
INSERT INTO auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at) VALUES
    ('11111111-1111-1111-1111-111111111111', 'authenticated', 'authenticated', 'alice@example.com',
     '2025-03-30T17:00:00Z', '{"provider": "email", "providers": ["email"]}', '{"full_name": "Alice Example"}',
     '2025-03-30T17:00:00Z', '2025-03-30T17:00:00Z'),
    ('22222222-2222-2222-2222-222222222222', 'authenticated', 'authenticated', 'bob@example.com',
     '2025-04-02T09:00:00Z', '{"provider": "email", "providers": ["email"]}', '{"full_name": "Bob Example"}',
     '2025-04-02T09:00:00Z', '2025-04-02T09:00:00Z');

-- User 1 has configured everything; user 2 keeps the signup defaults
-- ({theme: system, rightSidebar.width 384, leftSidebar.width 360}).
UPDATE public.user_settings SET settings = '{
    "theme": "dark",
    "leftSidebar": {"width": 320},
    "rightSidebar": {"width": 420},
    "integrations": {
        "readwise": {
            "apiKey": "rw-clear-key-0123456789abcdef",
            "bookCount": 3,
            "lastSyncTime": "2025-10-01T08:30:00.000Z",
            "isConnected": true
        },
        "airtable": {
            "apiKey": "patAbCdEfGhIjKlMn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "baseId": "appAbCdEfGhIjKlMn",
            "tableId": "tblAbCdEfGhIjKlMn",
            "isConnected": true,
            "lastImported": ""
        }
    },
    "scheduledTasks": {
        "readwise-highlights-sync": {"enabled": true, "frequency": "daily", "lastRun": "2025-10-01T08:30:00.000Z"},
        "airtable-import-sparks": {"enabled": false, "frequency": "weekly"}
    },
    "search": {"maxResults": 20, "defaultMode": "hybrid"}
}'::jsonb
WHERE id = '11111111-1111-1111-1111-111111111111';

-- ---------------------------------------------------------------------------
-- Books (rw_tags is text[] here, unlike highlights' jsonb).
-- ---------------------------------------------------------------------------
INSERT INTO public.books (id, user_id, rw_id, rw_title, rw_author, rw_category, rw_source, rw_num_highlights,
    rw_last_highlight_at, rw_updated, rw_cover_image_url, rw_highlights_url, rw_source_url, rw_asin, rw_tags,
    rw_document_note, created_at, updated_at) VALUES
    ('11111111-0001-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111', 10000001,
     'Thinking, Fast and Slow', 'Daniel Kahneman', 'books', 'kindle', 3,
     '2025-09-20T10:00:00Z', '2025-09-21T08:00:00Z', 'https://images.example.com/covers/10000001.jpg',
     'https://readwise.io/bookreview/10000001', NULL, 'B00555X8OA', '{favorite,psychology}',
     'Re-read part 2.', '2025-04-01T10:00:00Z', '2025-09-21T08:05:00Z'),
    ('11111111-0001-0000-0000-000000000002', '11111111-1111-1111-1111-111111111111', 10000002,
     'How to Take Smart Notes', 'Sönke Ahrens', 'books', 'ibooks', 1,
     '2025-06-02T21:15:00Z', '2025-06-03T07:00:00Z', 'https://images.example.com/covers/10000002.jpg',
     'https://readwise.io/bookreview/10000002', NULL, NULL, '{}',
     NULL, '2025-04-01T10:00:01Z', '2025-06-03T07:05:00Z'),
    ('11111111-0001-0000-0000-000000000003', '11111111-1111-1111-1111-111111111111', 10000003,
     'The Bitter Lesson', 'Rich Sutton', 'articles', 'reader', 1,
     '2025-08-11T14:30:00Z', '2025-08-11T14:31:00Z', NULL,
     'https://readwise.io/bookreview/10000003', 'http://www.incompleteideas.net/IncIdeas/BitterLesson.html', NULL, NULL,
     NULL, '2025-08-11T15:00:00Z', '2025-08-11T15:00:00Z'),
    ('22222222-0001-0000-0000-000000000001', '22222222-2222-2222-2222-222222222222', 20000001,
     'Meditations', 'Marcus Aurelius', 'books', 'kindle', 2,
     '2025-05-05T06:45:00Z', '2025-05-05T07:00:00Z', 'https://images.example.com/covers/20000001.jpg',
     'https://readwise.io/bookreview/20000001', NULL, 'B01N3KIMCW', '{stoicism}',
     NULL, '2025-04-03T08:00:00Z', '2025-05-05T07:05:00Z'),
    ('22222222-0001-0000-0000-000000000002', '22222222-2222-2222-2222-222222222222', 20000002,
     'Sleep and Performance', 'Huberman Lab', 'podcasts', 'snipd', 1,
     '2025-07-19T22:00:00Z', '2025-07-19T22:01:00Z', NULL,
     'https://readwise.io/bookreview/20000002', 'https://share.snipd.com/episode/example', NULL, NULL,
     NULL, '2025-07-19T22:10:00Z', '2025-07-19T22:10:00Z');

-- ---------------------------------------------------------------------------
-- Highlights. rw_tags: Readwise's [{id, name}] array, an empty array, or NULL.
-- rw_note is Readwise's own note, not the app's (that one is in notes).
-- ---------------------------------------------------------------------------
INSERT INTO public.highlights (id, user_id, book_id, rw_id, rw_text, rw_note, rw_location, rw_location_type,
    rw_highlighted_at, rw_url, rw_color, rw_updated, rw_book_id, rw_tags, created_at, updated_at) VALUES
    ('11111111-0002-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111',
     '11111111-0001-0000-0000-000000000001', 30000001,
     'Nothing in life is as important as you think it is, while you are thinking about it.', NULL,
     '1234', 'location', '2025-09-18T09:00:00Z', NULL, 'yellow', '2025-09-18T09:01:00Z', 10000001,
     '[{"id": 5001, "name": "favorite"}]', '2025-09-18T10:00:00Z', '2025-09-18T10:00:00Z'),
    ('11111111-0002-0000-0000-000000000002', '11111111-1111-1111-1111-111111111111',
     '11111111-0001-0000-0000-000000000001', 30000002,
     'A reliable way to make people believe in falsehoods is frequent repetition, because familiarity is not easily distinguished from truth.',
     'Mere exposure effect.',
     '2201', 'location', '2025-09-19T09:30:00Z', NULL, 'blue', '2025-09-19T09:31:00Z', 10000001,
     '[{"id": 5001, "name": "favorite"}, {"id": 5002, "name": "psychology"}]', '2025-09-19T10:00:00Z', '2025-09-19T10:00:00Z'),
    ('11111111-0002-0000-0000-000000000003', '11111111-1111-1111-1111-111111111111',
     '11111111-0001-0000-0000-000000000001', 30000003,
     'We can be blind to the obvious, and we are also blind to our blindness.', NULL,
     '310', 'location', '2025-09-20T10:00:00Z', NULL, 'yellow', '2025-09-20T10:01:00Z', 10000001,
     '[]', '2025-09-20T11:00:00Z', '2025-09-20T11:00:00Z'),
    ('11111111-0002-0000-0000-000000000004', '11111111-1111-1111-1111-111111111111',
     '11111111-0001-0000-0000-000000000002', 30000004,
     'The slip-box is a thinking tool, not an archive.', NULL,
     '57', 'page', '2025-06-02T21:15:00Z', NULL, 'pink', '2025-06-02T21:16:00Z', 10000002,
     NULL, '2025-06-03T07:00:00Z', '2025-06-03T07:00:00Z'),
    ('11111111-0002-0000-0000-000000000005', '11111111-1111-1111-1111-111111111111',
     '11111111-0001-0000-0000-000000000003', 30000005,
     'The biggest lesson that can be read from 70 years of AI research is that general methods that leverage computation are ultimately the most effective, and by a large margin.',
     NULL, '0', 'offset', '2025-08-11T14:30:00Z', 'https://read.readwise.io/read/01j5example', 'yellow',
     '2025-08-11T14:31:00Z', 10000003,
     '[{"id": 5003, "name": "ml"}]', '2025-08-11T15:00:00Z', '2025-08-11T15:00:00Z'),
    ('22222222-0002-0000-0000-000000000001', '22222222-2222-2222-2222-222222222222',
     '22222222-0001-0000-0000-000000000001', 40000001,
     'You have power over your mind - not outside events. Realize this, and you will find strength.', NULL,
     '88', 'location', '2025-05-04T06:30:00Z', NULL, 'yellow', '2025-05-04T06:31:00Z', 20000001,
     '[{"id": 6001, "name": "stoicism"}]', '2025-05-04T07:00:00Z', '2025-05-04T07:00:00Z'),
    ('22222222-0002-0000-0000-000000000002', '22222222-2222-2222-2222-222222222222',
     '22222222-0001-0000-0000-000000000001', 40000002,
     'The happiness of your life depends upon the quality of your thoughts.', NULL,
     '140', 'location', '2025-05-05T06:45:00Z', NULL, 'orange', '2025-05-05T06:46:00Z', 20000001,
     '[]', '2025-05-05T07:00:00Z', '2025-05-05T07:00:00Z'),
    ('22222222-0002-0000-0000-000000000003', '22222222-2222-2222-2222-222222222222',
     '22222222-0001-0000-0000-000000000002', 40000003,
     'Morning sunlight exposure sets the circadian clock.', 'Try a 10 minute walk.',
     '00:12:40', 'time_offset', '2025-07-19T22:00:00Z', 'https://share.snipd.com/snip/example', NULL,
     '2025-07-19T22:01:00Z', 20000002,
     NULL, '2025-07-19T22:10:00Z', '2025-07-19T22:10:00Z');

-- ---------------------------------------------------------------------------
-- Notes: per user one highlight note (title 'Highlight Note', as
-- updateUserNote creates them) linked through highlight_notes; user 1 also
-- has a note on a book.
-- ---------------------------------------------------------------------------
INSERT INTO public.notes (id, user_id, content, title, created_at, updated_at) VALUES
    ('11111111-0006-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111',
     'System 1 answers first; remember this when deciding in a hurry.', 'Highlight Note',
     '2025-09-18T12:00:00Z', '2025-09-18T12:00:00Z'),
    ('11111111-0006-0000-0000-000000000002', '11111111-1111-1111-1111-111111111111',
     'Next from the same author: Noise.', 'Reading list',
     '2025-09-21T09:00:00Z', '2025-09-21T09:00:00Z'),
    ('22222222-0006-0000-0000-000000000001', '22222222-2222-2222-2222-222222222222',
     'Dichotomy of control.', 'Highlight Note',
     '2025-05-04T08:00:00Z', '2025-05-04T08:00:00Z');
INSERT INTO public.highlight_notes (highlight_id, note_id, created_at) VALUES
    ('11111111-0002-0000-0000-000000000001', '11111111-0006-0000-0000-000000000001', '2025-09-18T12:00:00Z'),
    ('22222222-0002-0000-0000-000000000001', '22222222-0006-0000-0000-000000000001', '2025-05-04T08:00:00Z');
INSERT INTO public.book_notes (book_id, note_id, created_at) VALUES
    ('11111111-0001-0000-0000-000000000001', '11111111-0006-0000-0000-000000000002', '2025-09-21T09:00:00Z');

-- ---------------------------------------------------------------------------
-- Automations: user 1's approved AI run with two executed actions; user 2's
-- reverted run without actions (exercises the 4-value status CHECKs).
-- ---------------------------------------------------------------------------
INSERT INTO public.automations (id, user_id, name, source, status, created_at, updated_at) VALUES
    ('11111111-0007-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111',
     'Categorize random highlights', 'ai', 'approved', '2025-09-22T10:00:00Z', '2025-09-22T10:05:00Z'),
    ('22222222-0007-0000-0000-000000000001', '22222222-2222-2222-2222-222222222222',
     'Tag random highlights', 'ai', 'reverted', '2025-05-06T10:00:00Z', '2025-05-06T11:00:00Z');
INSERT INTO public.automation_actions (id, automation_id, action_data, status, executed_at, created_at, updated_at) VALUES
    ('11111111-0008-0000-0000-000000000001', '11111111-0007-0000-0000-000000000001',
     '{"action": "add_category", "target": "highlight", "target_id": "11111111-0002-0000-0000-000000000005",
       "category_id": "11111111-0003-0000-0000-000000000002"}',
     'executed', '2025-09-22T10:05:00Z', '2025-09-22T10:00:00Z', '2025-09-22T10:05:00Z'),
    ('11111111-0008-0000-0000-000000000002', '11111111-0007-0000-0000-000000000001',
     '{"action": "add_tag", "target": "highlight", "target_id": "11111111-0002-0000-0000-000000000002",
       "tag_id": "11111111-0004-0000-0000-000000000002", "tag_name": "psychology"}',
     'executed', '2025-09-22T10:05:00Z', '2025-09-22T10:00:01Z', '2025-09-22T10:05:00Z');

-- ---------------------------------------------------------------------------
-- Categories (slug computed by the client; distinct across users) and tags
-- (the trigger normalizes names: ' Deep Work' is stored as 'deep-work').
-- ---------------------------------------------------------------------------
INSERT INTO public.categories (id, name, slug, created_at, updated_at, created_by_automation_id, user_id) VALUES
    ('11111111-0003-0000-0000-000000000001', 'Psychology', 'psychology',
     '2025-04-05T10:00:00Z', '2025-04-05T10:00:00Z', NULL, '11111111-1111-1111-1111-111111111111'),
    ('11111111-0003-0000-0000-000000000002', 'Machine Learning', 'machine-learning',
     '2025-09-22T10:05:00Z', '2025-09-22T10:05:00Z', '11111111-0007-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111'),
    ('22222222-0003-0000-0000-000000000001', 'Philosophy', 'philosophy',
     '2025-04-06T10:00:00Z', '2025-04-06T10:00:00Z', NULL, '22222222-2222-2222-2222-222222222222'),
    ('22222222-0003-0000-0000-000000000002', 'Health & Fitness', 'health-and-fitness',
     '2025-07-20T10:00:00Z', '2025-07-20T10:00:00Z', NULL, '22222222-2222-2222-2222-222222222222');
INSERT INTO public.tags (id, name, created_at, updated_at, created_by_automation_id, user_id) VALUES
    ('11111111-0004-0000-0000-000000000001', 'favorite',
     '2025-04-05T10:00:00Z', '2025-04-05T10:00:00Z', NULL, '11111111-1111-1111-1111-111111111111'),
    ('11111111-0004-0000-0000-000000000002', 'psychology',
     '2025-04-05T10:01:00Z', '2025-04-05T10:01:00Z', NULL, '11111111-1111-1111-1111-111111111111'),
    ('11111111-0004-0000-0000-000000000003', ' Deep Work',  -- stored as 'deep-work'
     '2025-04-05T10:02:00Z', '2025-04-05T10:02:00Z', NULL, '11111111-1111-1111-1111-111111111111'),
    ('22222222-0004-0000-0000-000000000001', 'stoicism',
     '2025-04-06T10:00:00Z', '2025-04-06T10:00:00Z', NULL, '22222222-2222-2222-2222-222222222222'),
    ('22222222-0004-0000-0000-000000000002', 'sleep',
     '2025-07-20T10:00:00Z', '2025-07-20T10:00:00Z', NULL, '22222222-2222-2222-2222-222222222222');

-- ---------------------------------------------------------------------------
-- Sparks: Airtable-imported ones (md5_uid = the Airtable uid field) and one
-- created in the browser (md5_uid = SHA-256 hex of the body, no todo_id).
-- ---------------------------------------------------------------------------
INSERT INTO public.sparks (id, user_id, body, todo_created_at, todo_id, md5_uid, created_at, updated_at) VALUES
    ('11111111-0005-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111',
     'Ideas compound like interest: write them down.', '2025-03-01T12:00:00Z', 'todo-1001', 'airtable-uid-1001',
     '2025-04-10T09:00:00Z', '2025-04-10T09:00:00Z'),
    ('11111111-0005-0000-0000-000000000002', '11111111-1111-1111-1111-111111111111',
     'Slow is smooth, smooth is fast.', '2025-03-02T12:00:00Z', 'todo-1002', 'airtable-uid-1002',
     '2025-04-10T09:00:01Z', '2025-04-10T09:00:01Z'),
    ('11111111-0005-0000-0000-000000000003', '11111111-1111-1111-1111-111111111111',
     'A spark typed in the browser.', NULL, NULL,
     encode(sha256(convert_to('A spark typed in the browser.', 'UTF8')), 'hex'),
     '2025-09-23T18:00:00Z', '2025-09-23T18:00:00Z'),
    ('22222222-0005-0000-0000-000000000001', '22222222-2222-2222-2222-222222222222',
     'Amor fati.', '2025-04-01T07:00:00Z', 'todo-2001', 'airtable-uid-2001',
     '2025-04-12T09:00:00Z', '2025-04-12T09:00:00Z'),
    ('22222222-0005-0000-0000-000000000002', '22222222-2222-2222-2222-222222222222',
     'Sleep is the foundation.', '2025-07-01T07:00:00Z', 'todo-2002', 'airtable-uid-2002',
     '2025-07-21T09:00:00Z', '2025-07-21T09:00:00Z');

-- ---------------------------------------------------------------------------
-- Junction rows. created_by: 'airtable-import' (spark labels from the import),
-- 'user', 'automation' (with automation_action_id), or NULL (the browser's
-- addTagToResource writes neither column).
-- ---------------------------------------------------------------------------
INSERT INTO public.spark_categories (spark_id, category_id, automation_action_id, created_by, created_at) VALUES
    ('11111111-0005-0000-0000-000000000001', '11111111-0003-0000-0000-000000000001', NULL, 'airtable-import', '2025-04-10T09:00:00Z'),
    ('11111111-0005-0000-0000-000000000002', '11111111-0003-0000-0000-000000000002', NULL, 'airtable-import', '2025-04-10T09:00:01Z'),
    ('22222222-0005-0000-0000-000000000001', '22222222-0003-0000-0000-000000000001', NULL, 'airtable-import', '2025-04-12T09:00:00Z'),
    ('22222222-0005-0000-0000-000000000002', '22222222-0003-0000-0000-000000000002', NULL, 'airtable-import', '2025-07-21T09:00:00Z');
INSERT INTO public.spark_tags (spark_id, tag_id, automation_action_id, created_by, created_at) VALUES
    ('11111111-0005-0000-0000-000000000001', '11111111-0004-0000-0000-000000000003', NULL, 'airtable-import', '2025-04-10T09:00:00Z'),
    ('11111111-0005-0000-0000-000000000002', '11111111-0004-0000-0000-000000000001', NULL, 'airtable-import', '2025-04-10T09:00:01Z'),
    ('22222222-0005-0000-0000-000000000001', '22222222-0004-0000-0000-000000000001', NULL, 'airtable-import', '2025-04-12T09:00:00Z'),
    ('22222222-0005-0000-0000-000000000002', '22222222-0004-0000-0000-000000000002', NULL, 'airtable-import', '2025-07-21T09:00:00Z');
INSERT INTO public.highlight_tags (highlight_id, tag_id, automation_action_id, created_by, created_at) VALUES
    ('11111111-0002-0000-0000-000000000001', '11111111-0004-0000-0000-000000000001', NULL, 'user', '2025-09-18T12:30:00Z'),
    ('11111111-0002-0000-0000-000000000002', '11111111-0004-0000-0000-000000000002',
     '11111111-0008-0000-0000-000000000002', 'automation', '2025-09-22T10:05:00Z'),
    ('22222222-0002-0000-0000-000000000001', '22222222-0004-0000-0000-000000000001', NULL, NULL, '2025-05-04T08:30:00Z');
INSERT INTO public.highlight_categories (highlight_id, category_id, automation_action_id, created_by, created_at) VALUES
    ('11111111-0002-0000-0000-000000000005', '11111111-0003-0000-0000-000000000002',
     '11111111-0008-0000-0000-000000000001', 'automation', '2025-09-22T10:05:00Z');
INSERT INTO public.book_categories (book_id, category_id, automation_action_id, created_by, created_at) VALUES
    ('11111111-0001-0000-0000-000000000001', '11111111-0003-0000-0000-000000000001', NULL, 'user', '2025-04-05T10:10:00Z'),
    ('11111111-0001-0000-0000-000000000003', '11111111-0003-0000-0000-000000000002', NULL, NULL, '2025-09-23T10:00:00Z'),
    ('22222222-0001-0000-0000-000000000001', '22222222-0003-0000-0000-000000000001', NULL, 'user', '2025-04-06T10:10:00Z');
INSERT INTO public.book_tags (book_id, tag_id, automation_action_id, created_by, created_at) VALUES
    ('11111111-0001-0000-0000-000000000001', '11111111-0004-0000-0000-000000000001', NULL, 'user', '2025-04-05T10:11:00Z'),
    ('22222222-0001-0000-0000-000000000001', '22222222-0004-0000-0000-000000000001', NULL, NULL, '2025-04-06T10:11:00Z');

-- ---------------------------------------------------------------------------
-- function_logs, shaped as the original's logger wrote them: function_name =
-- the Inngest function id, function_id NULL (SDK v3 quirk), run_id = Inngest
-- run id, input_params = {event, eventName} with the event's secrets.
-- One completed, one failed and one still started for user 1; a legacy row
-- (run_id backfilled by #5) for user 2; a scheduler row with no user.
-- ---------------------------------------------------------------------------
INSERT INTO public.function_logs (id, function_name, function_id, status, started_at, completed_at, duration_ms,
    input_params, result_data, error_message, error_stack, created_at, updated_at, user_id, run_id) VALUES
    ('11111111-0009-0000-0000-000000000001', 'readwise-sync-highlights', NULL, 'completed',
     '2025-10-01T08:30:00Z', '2025-10-01T08:30:42Z', 42000,
     '{"event": {"name": "readwise/sync-highlights", "data": {"userId": "11111111-1111-1111-1111-111111111111",
       "apiKey": "rw-clear-key-0123456789abcdef"}, "id": "01K6EVT0000000000000000001", "ts": 1759307400000},
       "eventName": "readwise/sync-highlights"}',
     '{"success": true, "totalHighlights": 5, "upserted": 5, "existingHighlights": 0, "isLastStep": true}',
     NULL, NULL, '2025-10-01T08:30:00Z', '2025-10-01T08:30:42Z',
     '11111111-1111-1111-1111-111111111111', '01K6RUN0000000000000000001'),
    ('11111111-0009-0000-0000-000000000002', 'airtable-import-sparks', NULL, 'failed',
     '2025-10-02T07:00:00Z', '2025-10-02T07:00:03Z', 3000,
     '{"event": {"name": "airtable/import-sparks", "data": {"userId": "11111111-1111-1111-1111-111111111111",
       "apiKey": "patAbCdEfGhIjKlMn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
       "baseId": "appAbCdEfGhIjKlMn", "tableId": "tblAbCdEfGhIjKlMn"},
       "id": "01K6EVT0000000000000000002", "ts": 1759388400000}, "eventName": "airtable/import-sparks"}',
     '{"error": {}}',
     'Airtable API error: 401 Unauthorized', E'Error: Airtable API error: 401 Unauthorized\n    at fetchRecords (airtable-import-sparks.ts:88:11)',
     '2025-10-02T07:00:00Z', '2025-10-02T07:00:03Z',
     '11111111-1111-1111-1111-111111111111', '01K6RUN0000000000000000002'),
    ('11111111-0009-0000-0000-000000000003', 'embeddings/generate-highlight-embeddings', NULL, 'started',
     '2025-10-03T09:00:00Z', NULL, NULL,
     '{"event": {"name": "embeddings/generate-highlight-embeddings", "data": {"userId": "11111111-1111-1111-1111-111111111111"},
       "id": "01K6EVT0000000000000000003", "ts": 1759482000000}, "eventName": "embeddings/generate-highlight-embeddings"}',
     '{"batch": 1, "processed": 2}',
     NULL, NULL, '2025-10-03T09:00:00Z', '2025-10-03T09:00:05Z',
     '11111111-1111-1111-1111-111111111111', '01K6RUN0000000000000000003'),
    ('22222222-0009-0000-0000-000000000001', 'readwise-sync-books', 'readwise-sync-books', 'completed',
     '2025-04-03T08:00:00Z', '2025-04-03T08:00:10Z', 10000,
     '{"userId": "22222222-2222-2222-2222-222222222222"}',
     '{"success": true, "readwiseBooks": 2, "sparkBooks": 2, "imported": 2, "updated": 0, "isLastStep": true}',
     NULL, NULL, '2025-04-03T08:00:00Z', '2025-04-03T08:00:10Z',
     '22222222-2222-2222-2222-222222222222', 'legacy-22222222-0009-0000-0000-000000000001'),
    ('00000000-0009-0000-0000-000000000001', 'scheduled-tasks-cron', NULL, 'completed',
     '2025-10-01T08:00:00Z', '2025-10-01T08:00:02Z', 2000,
     '{"event": {"name": "inngest/scheduled.timer", "data": {"cron": "0 * * * *"},
       "id": "01K6EVT0000000000000000004", "ts": 1759305600000}, "eventName": "inngest/scheduled.timer"}',
     '{"success": true, "totalUsers": 1, "triggeredTasks": 1, "skippedTasks": 1,
       "triggeredTaskDetails": [{"userId": "11111111-1111-1111-1111-111111111111", "taskId": "readwise-highlights-sync"}],
       "isLastStep": true}',
     NULL, NULL, '2025-10-01T08:00:00Z', '2025-10-01T08:00:02Z',
     NULL, '01K6RUN0000000000000000004');

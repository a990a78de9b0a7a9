-- original_rows_early_books.sql: the two users, their books and their
-- highlights, for the early books shape. Apply after supabase.sql,
-- original_schema.sql and original_books_early.sql, in one transaction:
--   psql -v ON_ERROR_STOP=1 -1 -f original_rows_early_books.sql <database url>
--
-- Same users, book ids, rw_ids and highlights as original_rows.sql (ids
-- <owner>-<kind>-0000-0000-<n>, kind 0001 books, 0002 highlights), with the
-- book columns the early table has: title, author, rw_category, source,
-- rw_num_highlights, rw_last_highlight_at, rw_updated, cover_image_url,
-- highlights_url, asin. The early table has no rw_source_url, rw_tags or
-- rw_document_note, so those values of original_rows.sql do not appear.
-- User settings stay at the signup defaults; no sparks, labels, notes,
-- automations or logs.
--
-- One extra book, 22222222-0001-0000-0000-000000000003 (user 2, no
-- highlights), has rw_id 3000000001, above 2^31: the early bigint column can
-- hold it and the standard integer one cannot, so an upgrade that narrows
-- rw_id instead of widening it fails on this row. Delete it if a test needs
-- the two row files to match.

INSERT INTO auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at) VALUES
    ('11111111-1111-1111-1111-111111111111', 'authenticated', 'authenticated', 'alice@example.com',
     '2025-03-30T17:00:00Z', '{"provider": "email", "providers": ["email"]}', '{"full_name": "Alice Example"}',
     '2025-03-30T17:00:00Z', '2025-03-30T17:00:00Z'),
    ('22222222-2222-2222-2222-222222222222', 'authenticated', 'authenticated', 'bob@example.com',
     '2025-04-02T09:00:00Z', '{"provider": "email", "providers": ["email"]}', '{"full_name": "Bob Example"}',
     '2025-04-02T09:00:00Z', '2025-04-02T09:00:00Z');

INSERT INTO public.books (id, created_at, updated_at, user_id, rw_id, title, author, rw_category, source,
    rw_num_highlights, rw_last_highlight_at, rw_updated, cover_image_url, highlights_url, asin) VALUES
    ('11111111-0001-0000-0000-000000000001', '2025-04-01T10:00:00Z', '2025-09-21T08:05:00Z',
     '11111111-1111-1111-1111-111111111111', 10000001, 'Thinking, Fast and Slow', 'Daniel Kahneman', 'books', 'kindle',
     3, '2025-09-20T10:00:00Z', '2025-09-21T08:00:00Z', 'https://images.example.com/covers/10000001.jpg',
     'https://readwise.io/bookreview/10000001', 'B00555X8OA'),
    ('11111111-0001-0000-0000-000000000002', '2025-04-01T10:00:01Z', '2025-06-03T07:05:00Z',
     '11111111-1111-1111-1111-111111111111', 10000002, 'How to Take Smart Notes', 'Sönke Ahrens', 'books', 'ibooks',
     1, '2025-06-02T21:15:00Z', '2025-06-03T07:00:00Z', 'https://images.example.com/covers/10000002.jpg',
     'https://readwise.io/bookreview/10000002', NULL),
    ('11111111-0001-0000-0000-000000000003', '2025-08-11T15:00:00Z', '2025-08-11T15:00:00Z',
     '11111111-1111-1111-1111-111111111111', 10000003, 'The Bitter Lesson', 'Rich Sutton', 'articles', 'reader',
     1, '2025-08-11T14:30:00Z', '2025-08-11T14:31:00Z', NULL,
     'https://readwise.io/bookreview/10000003', NULL),
    ('22222222-0001-0000-0000-000000000001', '2025-04-03T08:00:00Z', '2025-05-05T07:05:00Z',
     '22222222-2222-2222-2222-222222222222', 20000001, 'Meditations', 'Marcus Aurelius', 'books', 'kindle',
     2, '2025-05-05T06:45:00Z', '2025-05-05T07:00:00Z', 'https://images.example.com/covers/20000001.jpg',
     'https://readwise.io/bookreview/20000001', 'B01N3KIMCW'),
    ('22222222-0001-0000-0000-000000000002', '2025-07-19T22:10:00Z', '2025-07-19T22:10:00Z',
     '22222222-2222-2222-2222-222222222222', 20000002, 'Sleep and Performance', 'Huberman Lab', 'podcasts', 'snipd',
     1, '2025-07-19T22:00:00Z', '2025-07-19T22:01:00Z', NULL,
     'https://readwise.io/bookreview/20000002', NULL),
    -- rw_id above 2^31 (see header); rw_num_highlights left to its default 0
    ('22222222-0001-0000-0000-000000000003', '2025-07-25T10:00:00Z', '2025-07-25T10:00:00Z',
     '22222222-2222-2222-2222-222222222222', 3000000001, 'A Book With A Large Readwise Id', 'Unknown', 'books', 'kindle',
     DEFAULT, NULL, '2025-07-25T10:00:00Z', NULL,
     'https://readwise.io/bookreview/3000000001', NULL);

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

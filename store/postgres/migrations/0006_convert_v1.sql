-- Converting this backend's first schema, step 2 of 2: the rows 0004 set
-- aside in schema spark_v1 go into the original's tables, with new uuid ids;
-- links follow their ends by natural key (Readwise id, tag name, category
-- slug, spark uid). '' meant "absent" there and is NULL here.
DO $$
BEGIN
    IF to_regnamespace('spark_v1') IS NULL THEN
        RETURN;
    END IF;

    INSERT INTO user_settings (id, settings, created_at, updated_at)
    SELECT user_id::uuid, settings, updated_at, updated_at FROM spark_v1.user_settings;

    INSERT INTO books (user_id, rw_id, rw_title, rw_author, rw_category, rw_source, rw_num_highlights,
        rw_last_highlight_at, rw_updated, rw_cover_image_url, rw_highlights_url, rw_source_url, rw_asin,
        rw_tags, rw_document_note, rw_readable_title, rw_unique_url, rw_summary, rw_external_id,
        created_at, updated_at)
    SELECT user_id::uuid, rw_id, NULLIF(title, ''), NULLIF(author, ''), NULLIF(category, ''),
        NULLIF(source, ''), num_highlights, last_highlight_at, updated, NULLIF(cover_image_url, ''),
        NULLIF(readwise_url, ''), NULLIF(source_url, ''), NULLIF(asin, ''),
        ARRAY(SELECT tag ->> 'name' FROM jsonb_array_elements(tags) tag), NULLIF(document_note, ''),
        NULLIF(readable_title, ''), NULLIF(unique_url, ''), NULLIF(summary, ''), NULLIF(external_id, ''),
        created_at, updated_at
    FROM spark_v1.books;

    INSERT INTO highlights (user_id, book_id, rw_id, rw_book_id, rw_text, rw_note, rw_location,
        rw_end_location, rw_location_type, rw_color, rw_url, rw_external_id, rw_readwise_url,
        rw_highlighted_at, rw_created_at, rw_updated, rw_tags, rw_is_favorite, rw_is_discard,
        created_at, updated_at)
    SELECT h.user_id::uuid, b.id, h.rw_id, h.book_rw_id, NULLIF(h.text, ''), NULLIF(h.note, ''),
        h.location::text, h.end_location, NULLIF(h.location_type, ''), NULLIF(h.color, ''),
        NULLIF(h.url, ''), NULLIF(h.external_id, ''), NULLIF(h.readwise_url, ''), h.highlighted_at,
        h.rw_created_at, h.updated, h.tags, h.is_favorite, h.is_discard, h.created_at, h.updated_at
    FROM spark_v1.highlights h
    JOIN books b ON b.user_id = h.user_id::uuid AND b.rw_id = h.book_rw_id;

    INSERT INTO tags (user_id, name, created_at, updated_at)
    SELECT user_id::uuid, name, created_at, created_at FROM spark_v1.tags;

    INSERT INTO highlight_tags (highlight_id, tag_id, created_by, created_at)
    SELECT h.id, t.id, l.created_by, l.created_at
    FROM spark_v1.highlight_tags l
    JOIN spark_v1.tags old ON old.user_id = l.user_id AND old.id = l.tag_id
    JOIN highlights h ON h.user_id = l.user_id::uuid AND h.rw_id = l.highlight_rw_id
    JOIN tags t ON t.user_id = l.user_id::uuid AND t.name = old.name;

    -- A to-do id is unique per user now: the oldest spark keeps it.
    INSERT INTO sparks (user_id, md5_uid, body, todo_id, todo_created_at, airtable_record_id, created_at, updated_at)
    SELECT user_id::uuid, uid, body,
        CASE WHEN todo_id <> '' AND row_number() OVER (PARTITION BY user_id, todo_id ORDER BY id) = 1 THEN todo_id END,
        todo_created_at, NULLIF(airtable_record_id, ''), created_at, updated_at
    FROM spark_v1.sparks;

    INSERT INTO categories (user_id, name, slug, created_at, updated_at)
    SELECT user_id::uuid, name, slug, created_at, created_at FROM spark_v1.categories;

    INSERT INTO spark_categories (spark_id, category_id, created_by, created_at)
    SELECT s.id, c.id, l.created_by, l.created_at
    FROM spark_v1.spark_categories l
    JOIN spark_v1.sparks old_s ON old_s.id = l.spark_id
    JOIN spark_v1.categories old_c ON old_c.id = l.category_id
    JOIN sparks s ON s.user_id = l.user_id::uuid AND s.md5_uid = old_s.uid
    JOIN categories c ON c.user_id = l.user_id::uuid AND c.slug = old_c.slug;

    INSERT INTO spark_tags (spark_id, tag_id, created_by, created_at)
    SELECT s.id, t.id, l.created_by, l.created_at
    FROM spark_v1.spark_tags l
    JOIN spark_v1.sparks old_s ON old_s.id = l.spark_id
    JOIN spark_v1.tags old_t ON old_t.id = l.tag_id
    JOIN sparks s ON s.user_id = l.user_id::uuid AND s.md5_uid = old_s.uid
    JOIN tags t ON t.user_id = l.user_id::uuid AND t.name = old_t.name;

    INSERT INTO function_logs (run_id, function_id, function_name, user_id, event_name, status,
        started_at, completed_at, duration_ms, input_params, result_data, error_message, created_at, updated_at)
    SELECT run_id, function_id, function_name, user_id::uuid, NULLIF(event_name, ''), status,
        started_at, completed_at, duration_ms, input, result, NULLIF(error_message, ''), started_at, updated_at
    FROM spark_v1.function_logs;

    DROP SCHEMA spark_v1 CASCADE;
END
$$;

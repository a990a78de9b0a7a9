-- Converting this backend's first schema (0001-0003), step 1 of 2: its
-- tables that share a name with the original's are renamed v1_*, out of the
-- way of 0005; 0006 copies their rows into the original's tables and drops
-- them. Its own tables (credentials, the state tables) stay as they are. A
-- SQLite database always has that schema (0001 runs first on a new one).
ALTER TABLE user_settings RENAME TO v1_user_settings;
ALTER TABLE books RENAME TO v1_books;
ALTER TABLE highlights RENAME TO v1_highlights;
ALTER TABLE tags RENAME TO v1_tags;
ALTER TABLE highlight_tags RENAME TO v1_highlight_tags;
ALTER TABLE sparks RENAME TO v1_sparks;
ALTER TABLE categories RENAME TO v1_categories;
ALTER TABLE spark_categories RENAME TO v1_spark_categories;
ALTER TABLE spark_tags RENAME TO v1_spark_tags;
ALTER TABLE function_logs RENAME TO v1_function_logs;

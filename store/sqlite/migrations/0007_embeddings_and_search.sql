-- A vector belongs to the text it was made from: a changed text drops it,
-- so the embeddings job makes a new one.
CREATE TRIGGER highlights_drop_stale_embedding AFTER UPDATE OF rw_text ON highlights
WHEN old.rw_text IS NOT new.rw_text
BEGIN
    UPDATE highlights SET embedding = NULL, embedding_updated_at = NULL WHERE id = new.id;
END;

-- The embeddings job's walk: a user's highlights without a vector, by id.
CREATE INDEX highlights_without_embedding_idx ON highlights (user_id, id) WHERE embedding IS NULL;

-- Keyword search: a trigram index of every highlight's text and note, kept
-- in step with highlights by the triggers below. A quoted phrase matches it
-- as a case-insensitive substring with every character literal. The index
-- stores no text of its own (contentless); its rowids are the stable
-- integers of highlight_search_rows, since VACUUM may renumber the rowids of
-- highlights, whose key is a uuid.
CREATE TABLE highlight_search_rows (
    fts_rowid    INTEGER PRIMARY KEY,
    highlight_id TEXT NOT NULL UNIQUE
) STRICT;
CREATE VIRTUAL TABLE highlights_fts USING fts5(rw_text, rw_note, content='', contentless_delete=1, tokenize='trigram');

INSERT INTO highlight_search_rows (highlight_id) SELECT id FROM highlights;
INSERT INTO highlights_fts (rowid, rw_text, rw_note)
SELECT s.fts_rowid, h.rw_text, h.rw_note FROM highlights h JOIN highlight_search_rows s ON s.highlight_id = h.id;

CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights
BEGIN
    INSERT INTO highlight_search_rows (highlight_id) VALUES (new.id);
    INSERT INTO highlights_fts (rowid, rw_text, rw_note)
    SELECT fts_rowid, new.rw_text, new.rw_note FROM highlight_search_rows WHERE highlight_id = new.id;
END;

CREATE TRIGGER highlights_fts_update AFTER UPDATE OF rw_text, rw_note ON highlights
WHEN old.rw_text IS NOT new.rw_text OR old.rw_note IS NOT new.rw_note
BEGIN
    DELETE FROM highlights_fts WHERE rowid = (SELECT fts_rowid FROM highlight_search_rows WHERE highlight_id = new.id);
    INSERT INTO highlights_fts (rowid, rw_text, rw_note)
    SELECT fts_rowid, new.rw_text, new.rw_note FROM highlight_search_rows WHERE highlight_id = new.id;
END;

CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights
BEGIN
    DELETE FROM highlights_fts WHERE rowid = (SELECT fts_rowid FROM highlight_search_rows WHERE highlight_id = old.id);
    DELETE FROM highlight_search_rows WHERE highlight_id = old.id;
END;

-- A trigger stores the key it is given before it sends its event and takes
-- it back when the send fails. So that concurrent triggers of one user take
-- back only their own write, each write is numbered, and the row keeps the
-- newest kept credential (saved, or stored by a trigger whose event was
-- sent) to return to. An empty credential is none. The SQLite twin of
-- PostgreSQL's.
ALTER TABLE credentials ADD COLUMN writes        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE credentials ADD COLUMN version       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE credentials ADD COLUMN kept_secret   BLOB    NOT NULL DEFAULT x'';
ALTER TABLE credentials ADD COLUMN kept_base_id  TEXT    NOT NULL DEFAULT '';
ALTER TABLE credentials ADD COLUMN kept_table_id TEXT    NOT NULL DEFAULT '';
ALTER TABLE credentials ADD COLUMN kept_version  INTEGER NOT NULL DEFAULT 0;
UPDATE credentials SET kept_secret = secret, kept_base_id = base_id, kept_table_id = table_id;

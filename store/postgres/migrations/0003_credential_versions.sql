-- A trigger stores the key it is given before it sends its event and takes
-- it back when the send fails. So that concurrent triggers of one user take
-- back only their own write, each write is numbered, and the row keeps the
-- newest kept credential (saved, or stored by a trigger whose event was
-- sent) to return to. An empty credential is none.
-- On the original's database 0001 made no credentials table: 0005 creates it
-- with these columns.
DO $$
BEGIN
IF to_regclass('credentials') IS NULL THEN
    RETURN;
END IF;
ALTER TABLE credentials
    ADD COLUMN writes        BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN version       BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN kept_secret   BYTEA  NOT NULL DEFAULT ''::bytea,
    ADD COLUMN kept_base_id  TEXT   NOT NULL DEFAULT '',
    ADD COLUMN kept_table_id TEXT   NOT NULL DEFAULT '',
    ADD COLUMN kept_version  BIGINT NOT NULL DEFAULT 0;
UPDATE credentials SET kept_secret = secret, kept_base_id = base_id, kept_table_id = table_id;
END
$$;

-- Signed job callbacks already accepted, each kept until its signature is
-- stale, so that one sent again is refused.
CREATE TABLE IF NOT EXISTS callback_nonces (
    nonce      TEXT PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS callback_nonces_expires_at ON callback_nonces (expires_at);

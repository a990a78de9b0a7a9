-- supabase.sql: turns a plain, empty PostgreSQL (15) database into the shape of a
-- fresh Supabase project, as far as Spark and the original's migrations need it.
--
-- Apply first, as the role that will also apply original_schema.sql (the
-- "migrating role"; on Supabase that is postgres):
--   psql -v ON_ERROR_STOP=1 -1 -f supabase.sql <database url>
--
-- Not reproduced: GoTrue's other auth tables and most auth.users columns,
-- storage, realtime's own schema, pgsodium/vault, the authenticator /
-- supabase_admin / supabase_auth_admin roles, and the extensions Supabase
-- preinstalls (pgcrypto, uuid-ossp, ...): nothing here or in the original's
-- migrations depends on them (gen_random_uuid() is core since PostgreSQL 13).

-- 1. API roles. PostgREST switches to anon (no JWT) or authenticated (a user's
-- JWT); the server uses service_role, which bypasses RLS (the reference's
-- "Service role can ..." policies rely on nothing else). Roles belong to the
-- cluster, not the database, and several test databases share one server, so
-- each is created only when missing; a concurrent creator is tolerated.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
            ('anon',          'NOLOGIN NOINHERIT'),
            ('authenticated', 'NOLOGIN NOINHERIT'),
            ('service_role',  'NOLOGIN NOINHERIT BYPASSRLS')) AS v(name, opts)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I %s', r.name, r.opts);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's setup created it meanwhile
            END;
        END IF;
    END LOOP;
    -- A service_role left behind without BYPASSRLS would silently change
    -- what the service role sees; fix it rather than trust it.
    IF NOT (SELECT rolbypassrls FROM pg_roles WHERE rolname = 'service_role') THEN
        ALTER ROLE service_role BYPASSRLS;
    END IF;
END
$$;

-- 2. The auth schema GoTrue owns. Only what the original touches: public tables
-- reference auth.users(id), and two AFTER INSERT triggers on it read email and
-- raw_user_meta_data. GoTrue assigns ids itself, so id has no default here
-- either. anon/authenticated get no rights on auth.users (as on Supabase).
CREATE SCHEMA auth;

CREATE TABLE auth.users (
    id                 uuid PRIMARY KEY,
    aud                varchar(255),
    role               varchar(255),
    email              text,
    email_confirmed_at timestamptz,
    raw_app_meta_data  jsonb,
    raw_user_meta_data jsonb,
    created_at         timestamptz DEFAULT now(), -- GoTrue sets both; the
    updated_at         timestamptz DEFAULT now()  -- defaults only spare tests
);

-- auth.uid(), auth.role(), auth.jwt() as Supabase defines them: PostgREST puts
-- the JWT claims into request.jwt.claims (JSON) since v9, older versions into
-- request.jwt.claim.<name>; both are read with missing_ok, so with no JWT (the
-- service role, a direct connection) they return NULL. Every own-row policy
-- and both usage-count views go through auth.uid().
CREATE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$$;

CREATE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$$;

CREATE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

-- Policies call auth.uid() as the requesting role, so that role needs the
-- schema and the functions.
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.jwt()
    TO anon, authenticated, service_role;

-- 3. Realtime's publication. Supabase creates it empty; migration
-- 20250331236000 adds public.function_logs to it.
CREATE PUBLICATION supabase_realtime;

-- 4. The schema Supabase installs extensions into (config.toml's API
-- extra_search_path is public, extensions). Left empty here.
CREATE SCHEMA extensions;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;

-- 5. The platform's grants on public. The migrations grant almost nothing
-- themselves; on Supabase every table, view, sequence and function the
-- migrating role creates in public is reachable by the API roles through these
-- default privileges, and RLS is what actually limits rows. ALTER DEFAULT
-- PRIVILEGES without FOR ROLE applies to the current role, hence "apply
-- original_schema.sql as the same role".
GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;

-- Supabase only (docs/security.md): the frontend reads these tables with the
-- public anon key under row-level security, so every table gets RLS, the
-- user-facing ones get the original's owner policies (same names, same
-- conditions, created only when missing, so an original database keeps its
-- own), function_logs joins supabase_realtime, and the backend's own tables
-- get RLS with no user policy at all. The backend connects as the tables'
-- owner (no FORCE) or service_role, which both bypass RLS.
--
-- Supabase is detected by auth.uid() in this database plus the three API
-- roles (roles alone prove nothing: they belong to the cluster); the
-- publication is optional. Elsewhere this does nothing. Nothing in schema auth
-- is created or changed. SQLite has no counterpart.
DO $do$
DECLARE
    -- The original writes the check both ways round; so does this, so that
    -- pg_policies reads the same on a fresh and an original database.
    own   constant text := 'auth.uid() = %I';
    mine  constant text := '%I = auth.uid()';
    -- table, policy name, command, roles, USING, WITH CHECK: reference §1.
    cond  text;
    p     text[];
    t     text;
    parent text[];
    policies text[][] := ARRAY[
        ['profiles', 'Users can read their own profile', 'SELECT', 'public', format(own, 'id'), NULL],
        ['profiles', 'Users can update their own profile', 'UPDATE', 'public', format(own, 'id'), NULL],
        ['user_settings', 'Users can read their own settings', 'SELECT', 'public', format(own, 'id'), NULL],
        ['user_settings', 'Users can insert their own settings', 'INSERT', 'public', NULL, format(own, 'id')],
        ['user_settings', 'Users can update their own settings', 'UPDATE', 'public', format(own, 'id'), NULL],
        ['function_logs', 'Service role can access all function logs', 'ALL', 'service_role', 'true', NULL],
        ['function_logs', 'Users can see their own function logs', 'SELECT', 'authenticated', format(mine, 'user_id'), NULL],
        ['automations', 'Users can view their own automations', 'SELECT', 'authenticated', format(mine, 'user_id'), NULL],
        ['automations', 'Users can update their own automations', 'UPDATE', 'authenticated', format(mine, 'user_id'), NULL],
        ['automations', 'Users can insert their own automations', 'INSERT', 'authenticated', NULL, format(mine, 'user_id')],
        ['automations', 'Users can delete their own automations', 'DELETE', 'authenticated', format(mine, 'user_id'), NULL],
        ['automations', 'Service role can access all automations', 'ALL', 'service_role', 'true', NULL],
        ['automation_actions', 'Users can view their own automation actions', 'SELECT', 'public',
            'EXISTS (SELECT 1 FROM automations WHERE automations.id = automation_actions.automation_id AND automations.user_id = auth.uid())', NULL]
    ];
BEGIN
    IF to_regprocedure('auth.uid()') IS NULL
       OR (SELECT count(*) FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')) < 3 THEN
        RETURN;
    END IF;

    -- Four own-row policies on user_id: PUBLIC for these, TO authenticated
    -- for categories and tags.
    FOREACH t IN ARRAY ARRAY['books:Users can only view their own books:public',
                             'highlights:Users can only view their own highlights:public',
                             'sparks:Users can only view their own sparks:public',
                             'notes:Users can only view their own notes:public',
                             'categories:Users can view their own categories:authenticated',
                             'tags:Users can view their own tags:authenticated'] LOOP
        parent := string_to_array(t, ':');
        cond := CASE WHEN parent[3] = 'public' THEN own ELSE mine END;
        policies := policies || ARRAY[
            [parent[1], parent[2], 'SELECT', parent[3], format(cond, 'user_id'), NULL],
            [parent[1], CASE WHEN parent[3] = 'public' THEN 'Users can insert their own ' ELSE 'Users can create their own ' END || parent[1],
                'INSERT', parent[3], NULL, format(cond, 'user_id')],
            [parent[1], 'Users can update their own ' || parent[1], 'UPDATE', parent[3], format(cond, 'user_id'), NULL],
            [parent[1], 'Users can delete their own ' || parent[1], 'DELETE', parent[3], format(cond, 'user_id'), NULL]];
    END LOOP;

    -- Junction and note-link tables: SELECT, INSERT, DELETE when the parent
    -- row (books, highlights, sparks; notes for the links) is the caller's.
    FOREACH t IN ARRAY ARRAY['book_categories:books:book_id:book categories',
                             'highlight_categories:highlights:highlight_id:highlight categories',
                             'spark_categories:sparks:spark_id:spark categories',
                             'book_tags:books:book_id:book tags',
                             'highlight_tags:highlights:highlight_id:highlight tags',
                             'spark_tags:sparks:spark_id:spark tags',
                             'book_notes:notes:note_id:book notes',
                             'highlight_notes:notes:note_id:highlight notes',
                             'spark_notes:notes:note_id:spark notes'] LOOP
        parent := string_to_array(t, ':');
        policies := policies || ARRAY[
            [parent[1], 'Users can only view their own ' || parent[4], 'SELECT', 'public',
                format('EXISTS (SELECT 1 FROM %1$I WHERE %1$I.id = %2$I.%3$I AND %1$I.user_id = auth.uid())', parent[2], parent[1], parent[3]), NULL],
            [parent[1], 'Users can only insert their own ' || parent[4], 'INSERT', 'public', NULL,
                format('EXISTS (SELECT 1 FROM %1$I WHERE %1$I.id = %2$I.%3$I AND %1$I.user_id = auth.uid())', parent[2], parent[1], parent[3])],
            [parent[1], 'Users can only delete their own ' || parent[4], 'DELETE', 'public',
                format('EXISTS (SELECT 1 FROM %1$I WHERE %1$I.id = %2$I.%3$I AND %1$I.user_id = auth.uid())', parent[2], parent[1], parent[3]), NULL]];
    END LOOP;

    -- RLS on every table of ours, the backend's own included (credentials,
    -- readwise_state, airtable_state, callback_nonces, schema_migrations):
    -- without it the anon key reads them through PostgREST.
    FOR t IN SELECT c.relname FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
               AND NOT c.relrowsecurity LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    END LOOP;

    FOREACH p SLICE 1 IN ARRAY policies LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_policies
                              WHERE schemaname = current_schema() AND tablename = p[1] AND policyname = p[2]);
        EXECUTE format('CREATE POLICY %I ON %I FOR %s TO %s', p[2], p[1], p[3], p[4])
             || coalesce(' USING (' || p[5] || ')', '')        -- NULL: no clause
             || coalesce(' WITH CHECK (' || p[6] || ')', '');
    END LOOP;

    -- Realtime sends the frontend its runs (RLS applies there too).
    IF EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime')
       AND NOT EXISTS (SELECT 1 FROM pg_publication_tables
                       WHERE pubname = 'supabase_realtime' AND schemaname = current_schema()
                         AND tablename = 'function_logs') THEN
        ALTER PUBLICATION supabase_realtime ADD TABLE function_logs;
    END IF;
END
$do$;

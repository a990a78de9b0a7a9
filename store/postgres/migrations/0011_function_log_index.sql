-- The log list's three indexes become one that also holds the columns the
-- list filters on. Every Inngest request writes a function_logs row, and
-- each index is one more B-tree that write changes; a list or count of one
-- function or status reads the one index, not the rows, to filter.
DROP INDEX IF EXISTS function_logs_user_id_function_name_idx;
DROP INDEX IF EXISTS function_logs_user_id_status_idx;
DROP INDEX IF EXISTS function_logs_user_id_started_at_idx;
CREATE INDEX function_logs_user_id_started_at_idx ON function_logs (user_id, started_at, run_id) INCLUDE (function_name, status);
-- An upgraded original database also has five single-column indexes that
-- no reader uses: every read of the log is a user's (the index above, whose
-- first column is user_id), run_id has its unique index, and the frontend
-- reads the table through Realtime, which looks nothing up.
DROP INDEX IF EXISTS idx_function_logs_function_name;
DROP INDEX IF EXISTS idx_function_logs_status;
DROP INDEX IF EXISTS idx_function_logs_user_id;
DROP INDEX IF EXISTS idx_function_logs_started_at;
DROP INDEX IF EXISTS idx_function_logs_run_id;

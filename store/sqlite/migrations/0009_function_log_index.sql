-- The log list's three indexes become one that also holds the columns the
-- list filters on. Every Inngest request writes a function_logs row, and
-- each index is one more B-tree that write changes; a list or count of one
-- function or status reads the one index, not the rows, to filter.
DROP INDEX function_logs_user_id_function_name_idx;
DROP INDEX function_logs_user_id_status_idx;
DROP INDEX function_logs_user_id_started_at_idx;
CREATE INDEX function_logs_user_id_started_at_idx ON function_logs (user_id, started_at, run_id, function_name, status);

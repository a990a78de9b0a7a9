-- A revert finds an automation's links by their action id, and the tags and
-- categories it created by created_by_automation_id.
CREATE INDEX book_categories_automation_action_id_idx ON book_categories (automation_action_id);
CREATE INDEX highlight_categories_automation_action_id_idx ON highlight_categories (automation_action_id);
CREATE INDEX spark_categories_automation_action_id_idx ON spark_categories (automation_action_id);
CREATE INDEX book_tags_automation_action_id_idx ON book_tags (automation_action_id);
CREATE INDEX highlight_tags_automation_action_id_idx ON highlight_tags (automation_action_id);
CREATE INDEX spark_tags_automation_action_id_idx ON spark_tags (automation_action_id);
CREATE INDEX categories_created_by_automation_id_idx ON categories (created_by_automation_id);
CREATE INDEX tags_created_by_automation_id_idx ON tags (created_by_automation_id);

package postgres_test

// frontendRead is one direct read of the original's browser code (reference
// §8), written as the SQL PostgREST runs for it: embeds become correlated
// subselects, filters and order as the repository passes them. In sql, {me}
// is the reading user's id, {book} one of their book ids, {rw_id} its Readwise
// id, {automation} one of their automations. expect, when set, reads the
// owner's rows without RLS (default: sql). owned, when set, picks the owner's
// rows out of what another user reads (default: all of them).
type frontendRead struct {
	name, sql, expect, owned string
}

// embed renders PostgREST's `alias:junction(label:labels(id,name))`.
func embed(junction, fk, resource, labels, labelFK string) string {
	return `(SELECT coalesce(json_agg(json_build_object('` + labelFK[:len(labelFK)-3] + `',
	        (SELECT json_build_object('id', l.id, 'name', l.name) FROM ` + labels + ` l WHERE l.id = j.` + labelFK + `))), '[]')
	     FROM ` + junction + ` j WHERE j.` + fk + ` = ` + resource + `.id)`
}

var frontendReads = []frontendRead{
	{name: "getSparks", sql: `SELECT s.id, s.user_id, s.body, s.todo_created_at, s.todo_id, s.md5_uid, s.created_at, s.updated_at,
	        ` + embed("spark_categories", "spark_id", "s", "categories", "category_id") + ` AS categories,
	        ` + embed("spark_tags", "spark_id", "s", "tags", "tag_id") + ` AS tags
	    FROM sparks s WHERE s.user_id = '{me}' ORDER BY s.created_at DESC, s.id`},
	{name: "getSparkById", sql: `SELECT s.*,
	        ` + embed("spark_categories", "spark_id", "s", "categories", "category_id") + ` AS categories,
	        ` + embed("spark_tags", "spark_id", "s", "tags", "tag_id") + ` AS tags
	    FROM sparks s WHERE s.id = (SELECT min(id::text)::uuid FROM sparks WHERE user_id = '{me}') AND s.user_id = '{me}'`},
	{name: "getBasicBookInfo", sql: `SELECT id, rw_id, rw_title, rw_num_highlights, rw_last_highlight_at
	    FROM books WHERE user_id = '{me}' ORDER BY rw_title, id`},
	{name: "getBookByReadwiseId", sql: `SELECT * FROM books WHERE rw_id = {rw_id} AND user_id = '{me}'`},
	{name: "getBookById", sql: `SELECT b.*,
	        ` + embed("book_categories", "book_id", "b", "categories", "category_id") + ` AS categories,
	        ` + embed("book_tags", "book_id", "b", "tags", "tag_id") + ` AS tags
	    FROM books b WHERE b.id = '{book}' AND b.user_id = '{me}'`},
	{name: "getHighlightsByBookId", sql: `SELECT h.*,
	        ` + embed("highlight_categories", "highlight_id", "h", "categories", "category_id") + ` AS categories,
	        ` + embed("highlight_tags", "highlight_id", "h", "tags", "tag_id") + ` AS tags,
	        (SELECT coalesce(json_agg(json_build_object('note_id', hn.note_id,
	                'notes', (SELECT json_build_object('content', n.content) FROM notes n WHERE n.id = hn.note_id))), '[]')
	           FROM highlight_notes hn WHERE hn.highlight_id = h.id) AS highlight_notes
	    FROM highlights h WHERE h.book_id = '{book}' AND h.user_id = '{me}' ORDER BY h.rw_highlighted_at, h.id`},
	{name: "getCategories", sql: `SELECT * FROM categories WHERE user_id = '{me}' ORDER BY name, id`},
	{name: "getCategoriesWithUsage", sql: `SELECT * FROM category_usage_counts WHERE user_id = '{me}' ORDER BY name, id`},
	{name: "getAllTags", sql: `SELECT * FROM tags ORDER BY name, id`, // no user filter: RLS limits it
		expect: `SELECT * FROM tags WHERE user_id = '{me}' ORDER BY name, id`, owned: `user_id = '{me}'`},
	{name: "getTags", sql: `SELECT * FROM tags WHERE user_id = '{me}' ORDER BY name, id`},
	// The category and tag pages list what points at one of the user's
	// categories or tags; the frontend passes a literal id.
	{name: "getResourcesForCategory (spark_categories)", sql: `SELECT spark_id FROM spark_categories
	    WHERE category_id = (SELECT min(id::text)::uuid FROM categories WHERE user_id = '{me}') ORDER BY spark_id`},
	{name: "getResourcesForTag (spark_tags)", sql: `SELECT spark_id FROM spark_tags
	    WHERE tag_id = (SELECT min(id::text)::uuid FROM tags WHERE user_id = '{me}' AND id IN (SELECT tag_id FROM spark_tags)) ORDER BY spark_id`},
	{name: "getTagsWithUsage", sql: `SELECT * FROM tag_usage_counts WHERE user_id = '{me}' ORDER BY name, id`},
	{name: "getNotes", sql: `SELECT * FROM notes WHERE user_id = '{me}' ORDER BY updated_at DESC, id`},
	{name: "getNoteById", sql: `SELECT * FROM notes WHERE id = (SELECT min(id::text)::uuid FROM notes WHERE user_id = '{me}') AND user_id = '{me}'`},
	{name: "IntegrationsRepository.getSettings", sql: `SELECT settings FROM user_settings WHERE id = '{me}'`},
	{name: "getAutomations", sql: `SELECT * FROM automations WHERE user_id = '{me}' ORDER BY created_at DESC, id`},
	{name: "getAutomation (actions)", sql: `SELECT a.* FROM automation_actions a
	    WHERE a.automation_id = '{automation}' ORDER BY a.created_at, a.id`},
	{name: "function_logs realtime / getFunctionLogs", sql: `SELECT * FROM function_logs
	    WHERE user_id = '{me}' ORDER BY started_at DESC, id`},
}

package inngest

// Function ids: how Inngest, step.Invoke and function_logs.function_name
// know each function. Renaming one orphans its runs and logs.
const (
	FunctionCountBooks      = "readwise-count-books"
	FunctionTestConnection  = "readwise-connection-test"
	FunctionSyncBooks       = "readwise-sync-books"
	FunctionSyncHighlights  = "readwise-sync-highlights"
	FunctionListRequest     = "readwise-list-request"
	FunctionImportSparks    = "airtable-import-sparks"
	FunctionAirtablePage    = "airtable-page-request"
	FunctionMigrateTags     = "migrate-highlight-tags"
	FunctionDailySync       = "readwise-daily-sync"
	FunctionDailySyncManual = "readwise-daily-sync-manual"

	FunctionTagRandomHighlights        = "tag-random-highlights"
	FunctionCategorizeRandomHighlights = "categorize-random-highlights"
	FunctionScheduledTasks             = "scheduled-tasks-cron"
	FunctionScheduledTasksManual       = "scheduled-tasks-manual"
	// The original's id, embeddings/generate-highlight-embeddings, as a
	// slug: a slash would land in URLs and qualified ids, and this app's
	// ids are new to Inngest anyway, so no run history carries over.
	FunctionGenerateEmbeddings = "generate-highlight-embeddings"
)

// QualifiedID is a function's id within the app appID, as step.Invoke and
// function_logs.function_id name it (the SDK's FullyQualifiedID).
func QualifiedID(appID, functionID string) string {
	return appID + "-" + functionID
}

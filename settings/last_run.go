package settings

// lastRuns are the scheduler's lastRun of each task in doc.
func lastRuns(doc document) map[string]any {
	runs := map[string]any{}
	tasks, _ := doc["scheduledTasks"].(document)
	for id, v := range tasks {
		if task, ok := v.(document); ok && task["lastRun"] != nil {
			runs[id] = task["lastRun"]
		}
	}
	return runs
}

// keepLastRuns puts runs back into the tasks of doc that still exist:
// lastRun is the scheduler's, so a write that replaces scheduledTasks (a
// PUT) does not make every task due again.
func keepLastRuns(doc document, runs map[string]any) document {
	tasks, _ := doc["scheduledTasks"].(document)
	for id, v := range tasks {
		if task, ok := v.(document); ok && runs[id] != nil {
			task["lastRun"] = runs[id]
		}
	}
	return doc
}

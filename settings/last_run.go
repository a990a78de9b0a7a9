package settings

// lastRuns are the scheduler's lastRun of each task in doc: a string, as
// it writes them (anything else was the frontend's, and is not kept).
func lastRuns(doc document) map[string]string {
	runs := map[string]string{}
	tasks, _ := doc["scheduledTasks"].(document)
	for id, v := range tasks {
		if task, ok := v.(document); ok {
			if lastRun, ok := task["lastRun"].(string); ok {
				runs[id] = lastRun
			}
		}
	}
	return runs
}

// keepLastRuns puts runs back into the tasks of doc that still exist:
// lastRun is the scheduler's, so a write that replaces scheduledTasks (a
// PUT) does not make every task due again.
func keepLastRuns(doc document, runs map[string]string) document {
	tasks, _ := doc["scheduledTasks"].(document)
	for id, v := range tasks {
		if lastRun, kept := runs[id]; kept {
			if task, ok := v.(document); ok {
				task["lastRun"] = lastRun
			}
		}
	}
	return doc
}

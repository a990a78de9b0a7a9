package settings

import (
	"fmt"
	"sort"
	"strings"

	"spark.dev/spark/airtable"
	"spark.dev/spark/apperr"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

var (
	themes      = []string{"light", "dark", "system"}
	frequencies = []string{"off", "hourly", "daily", "weekly", "monthly"}
	// serverOwned fields are computed by Spark; writes of them are ignored.
	serverOwned = map[string]bool{"isConnected": true, "bookCount": true, "lastSyncTime": true,
		"lastFullSyncTime": true, "lastImport": true, "lastError": true, "hasApiKey": true}
)

// maxProblemsListed bounds an error message, which a body full of bad
// values would otherwise make as large as itself.
const maxProblemsListed = 20

// write is a validated settings body: the client-owned document it names and
// the credential changes it asks for (nil = leave unchanged).
type write struct {
	doc         document
	readwiseKey *string
	airtableKey *string
	baseID      *string
	tableID     *string
}

// parseWrite type-checks the known keys of body and splits it into document
// and credential changes. Unknown top-level keys are kept for the frontend.
func parseWrite(body document) (write, error) {
	w := write{doc: document{}}
	problems := map[string]string{}
	cleanValues(body, "", problems)
	for key, value := range body {
		switch key {
		case "theme":
			if value != nil && !oneOf(value, themes) {
				problems[key] = "must be one of: " + strings.Join(themes, ", ")
			}
			w.doc[key] = value
		case "integrations":
			w.doc[key] = w.parseIntegrations(value, problems)
		case "scheduledTasks":
			w.doc[key] = parseScheduledTasks(value, problems)
		default:
			w.doc[key] = value
		}
	}
	if len(problems) > 0 {
		return write{}, apperr.New(apperr.Invalid, describeProblems(problems))
	}
	return w, nil
}

func (w *write) parseIntegrations(value any, problems map[string]string) any {
	integrations := objectAt(value, "integrations", problems)
	if integrations == nil {
		return nil
	}
	kept := document{}
	for name, v := range integrations {
		switch name {
		case "readwise":
			fields := objectAt(v, "integrations.readwise", problems)
			w.readwiseKey = stringField(fields, "apiKey", "integrations.readwise", problems)
		case "airtable":
			fields := objectAt(v, "integrations.airtable", problems)
			w.airtableKey = stringField(fields, "apiKey", "integrations.airtable", problems)
			w.baseID = stringField(fields, "baseId", "integrations.airtable", problems)
			w.tableID = stringField(fields, "tableId", "integrations.airtable", problems)
			if w.baseID != nil && *w.baseID != "" && !airtable.ValidBaseID(*w.baseID) {
				problems["integrations.airtable.baseId"] = airtable.BaseIDRule
			}
			if w.tableID != nil && *w.tableID != "" && !airtable.ValidTable(*w.tableID) {
				problems["integrations.airtable.tableId"] = airtable.TableRule
			}
		default:
			// An integration this server does not know belongs to the
			// frontend, but no secret is kept in clear for it.
			kept[name] = withoutSecrets(v)
		}
	}
	return kept
}

// knownIntegration reports whether the server owns an integration's
// settings, which are never stored in the document.
func knownIntegration(name string) bool {
	return name == string(store.Readwise) || name == string(store.Airtable)
}

// withoutSecrets drops every secret-looking field of v, however deep in
// objects and lists it sits.
func withoutSecrets(v any) any {
	switch v := v.(type) {
	case document:
		kept := document{}
		for k, fv := range v {
			if !secure.LooksSecret(k) {
				kept[k] = withoutSecrets(fv)
			}
		}
		return kept
	case []any:
		kept := make([]any, len(v))
		for i, item := range v {
			kept[i] = withoutSecrets(item)
		}
		return kept
	}
	return v
}

// objectAt returns v when it is a JSON object. null is nil, with no problem;
// anything else is nil and a problem at path.
func objectAt(v any, path string, problems map[string]string) document {
	fields, ok := v.(document)
	if !ok && v != nil {
		problems[path] = "must be an object"
	}
	return fields
}

// stringField returns fields[key] when present; a masked secret counts as
// absent, so writing back what GET returned changes nothing.
func stringField(fields document, key, path string, problems map[string]string) *string {
	v, present := fields[key]
	if !present || serverOwned[key] {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		problems[path+"."+key] = "must be a string"
		return nil
	}
	s = strings.TrimSpace(s)
	if key == "apiKey" && secure.IsMasked(s) {
		return nil
	}
	return &s
}

func parseScheduledTasks(value any, problems map[string]string) any {
	tasks := objectAt(value, "scheduledTasks", problems)
	if tasks == nil {
		return nil
	}
	kept := document{}
	for id, v := range tasks {
		path := "scheduledTasks." + id
		task, ok := v.(document)
		if !ok {
			problems[path] = "must be an object"
			continue
		}
		clean := document{}
		for field, fv := range task {
			switch field {
			case "enabled":
				if _, ok := fv.(bool); !ok {
					problems[path+".enabled"] = "must be a boolean"
				}
			case "frequency":
				if !oneOf(fv, frequencies) {
					problems[path+".frequency"] = "must be one of: " + strings.Join(frequencies, ", ")
				}
			case "lastRun":
				continue // server-owned
			}
			clean[field] = fv
		}
		kept[id] = clean
	}
	return kept
}

func oneOf(v any, allowed []string) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

func describeProblems(problems map[string]string) string {
	keys := make([]string, 0, len(problems))
	for k := range problems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	listed := keys[:min(len(keys), maxProblemsListed)]
	parts := make([]string, len(listed), len(listed)+1)
	for i, k := range listed {
		parts[i] = fmt.Sprintf("%s %s", k, problems[k])
	}
	if more := len(keys) - len(listed); more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", more))
	}
	return "Invalid settings: " + strings.Join(parts, "; ")
}

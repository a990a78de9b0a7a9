package app_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestSettingsDefaultsForANewUser(t *testing.T) {
	a := newTestApp(t, nil)
	status, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	if status != http.StatusOK || s["theme"] != "light" || dig(s, "integrations", "readwise", "apiKey") != "" ||
		dig(s, "integrations", "readwise", "isConnected") != false || dig(s, "integrations", "airtable", "baseId") != "" {
		t.Fatalf("GET /api/user-settings = %d %v", status, s)
	}
}

func TestSettingsKeepSecretsMaskedAndEncrypted(t *testing.T) {
	a := newTestApp(t, nil)
	const key = "rw-secret-token-XYZ9"
	status, saved := a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{
		"integrations": map[string]any{"readwise": map[string]any{"apiKey": key}},
	})
	if status != http.StatusOK || saved["message"] != "Settings updated successfully" ||
		dig(saved, "data", "settings", "integrations", "readwise", "apiKey") != "••••XYZ9" {
		t.Fatalf("PATCH = %d %v", status, saved)
	}
	raw, _ := json.Marshal(saved)
	if strings.Contains(string(raw), key) {
		t.Fatal("the key came back in clear")
	}

	// Writing back the masked value, as a frontend does, keeps the key.
	_, view := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	view["theme"] = "dark"
	if status, _ := a.as(u1, http.MethodPut, "/api/user-settings", view); status != http.StatusOK {
		t.Fatalf("PUT of the GET view: %d", status)
	}
	if _, rw := a.as(u1, http.MethodGet, "/api/readwise", nil); rw["hasApiKey"] != true {
		t.Fatalf("writing back the masked key removed it: %v", rw)
	}

	// The database holds ciphertext only.
	db, err := sql.Open("sqlite", a.App.Config.SQLitePath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored []byte
	if err := db.QueryRow("SELECT secret FROM credentials WHERE user_id = $1", u1).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if len(stored) == 0 || strings.Contains(string(stored), key) {
		t.Fatal("the stored credential is not encrypted")
	}

	// "" deletes it.
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": ""}}})
	if _, rw := a.as(u1, http.MethodGet, "/api/readwise", nil); rw["hasApiKey"] != false {
		t.Fatalf(`writing "" kept the key: %v`, rw)
	}
}

// Secrets of integrations the server does not know are not kept in clear.
func TestSettingsDropSecretsOfUnknownIntegrations(t *testing.T) {
	a := newTestApp(t, nil)
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"integrations": map[string]any{
		"notion": map[string]any{"apiKey": "secret_notion_key", "workspace": "home"}}})
	_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	notion, _ := dig(s, "integrations", "notion").(map[string]any)
	if notion["workspace"] != "home" || notion["apiKey"] != nil {
		t.Fatalf("unknown integration kept as %v", notion)
	}
}

func TestSettingsIgnoreServerOwnedFields(t *testing.T) {
	a := newTestApp(t, nil)
	status, _ := a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{
		"integrations": map[string]any{"readwise": map[string]any{"isConnected": true, "bookCount": 999, "lastSyncTime": "2020-01-01T00:00:00Z"}},
		"scheduledTasks": map[string]any{"readwise-highlights-sync": map[string]any{
			"enabled": true, "frequency": "daily", "lastRun": "2020-01-01T00:00:00Z"}},
	})
	if status != http.StatusOK {
		t.Fatalf("PATCH: %d", status)
	}
	_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	if dig(s, "integrations", "readwise", "isConnected") != false || dig(s, "integrations", "readwise", "bookCount") != float64(0) ||
		dig(s, "integrations", "readwise", "lastSyncTime") != "" {
		t.Errorf("server-owned Readwise fields were written: %v", dig(s, "integrations", "readwise"))
	}
	task := dig(s, "scheduledTasks", "readwise-highlights-sync").(map[string]any)
	if task["enabled"] != true || task["frequency"] != "daily" || task["lastRun"] != nil {
		t.Errorf("scheduled task = %v", task)
	}
}

func TestSettingsTypeChecksKnownKeysAndChangesNothingOnError(t *testing.T) {
	a := newTestApp(t, nil)
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"theme": "dark"})
	cases := []struct {
		name string
		body map[string]any
		want string
	}{
		{"theme", map[string]any{"theme": "purple"}, "theme must be one of: light, dark, system"},
		{"integrations", map[string]any{"integrations": "readwise"}, "integrations must be an object"},
		{"apiKey", map[string]any{"integrations": map[string]any{"readwise": map[string]any{"apiKey": 12}}}, "integrations.readwise.apiKey must be a string"},
		{"frequency", map[string]any{"scheduledTasks": map[string]any{"t": map[string]any{"frequency": "yearly"}}}, "scheduledTasks.t.frequency must be one of"},
		{"enabled", map[string]any{"scheduledTasks": map[string]any{"t": map[string]any{"enabled": "yes"}}}, "scheduledTasks.t.enabled must be a boolean"},
		{"base id", map[string]any{"integrations": map[string]any{"airtable": map[string]any{"baseId": "base-1"}}}, "integrations.airtable.baseId must be app followed by 14 letters or digits"},
		{"valid keys beside an invalid one", map[string]any{"theme": "light", "integrations": map[string]any{
			"readwise": map[string]any{"apiKey": "rw-would-be-saved"}, "airtable": map[string]any{"baseId": 5}}}, "integrations.airtable.baseId must be a string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, method := range []string{http.MethodPut, http.MethodPatch} {
				status, body := a.as(u1, method, "/api/user-settings", c.body)
				if status != http.StatusBadRequest || !strings.Contains(body["error"].(string), c.want) {
					t.Fatalf("%s: got %d %v, want 400 containing %q", method, status, body, c.want)
				}
			}
		})
	}
	_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	if s["theme"] != "dark" || dig(s, "integrations", "readwise", "apiKey") != "" {
		t.Fatalf("a refused write changed the settings: %v", s)
	}
	if status, body := a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{}); status != 400 || body["error"] != "No settings to update" {
		t.Fatalf("empty PATCH: %d %v", status, body)
	}
}

func TestSettingsPatchMergesDeeplyAndPutReplacesNamedKeys(t *testing.T) {
	a := newTestApp(t, nil)
	a.as(u1, http.MethodPut, "/api/user-settings", map[string]any{
		"rightSidebar": map[string]any{"width": 400, "collapsed": true},
		"custom":       map[string]any{"kept": 1},
	})
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"rightSidebar": map[string]any{"width": 500}})
	_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	if dig(s, "rightSidebar", "width") != float64(500) || dig(s, "rightSidebar", "collapsed") != true || dig(s, "custom", "kept") != float64(1) {
		t.Fatalf("after PATCH: %v", s)
	}
	a.as(u1, http.MethodPut, "/api/user-settings", map[string]any{"rightSidebar": map[string]any{"width": 300}})
	_, s = a.as(u1, http.MethodGet, "/api/user-settings", nil)
	if dig(s, "rightSidebar", "width") != float64(300) || dig(s, "rightSidebar", "collapsed") != nil || dig(s, "custom", "kept") != float64(1) {
		t.Fatalf("after PUT: %v", s)
	}
}

func TestSettingsOfOneIntegrationAndIsolationBetweenUsers(t *testing.T) {
	a := newTestApp(t, nil)
	a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"theme": "dark", "integrations": map[string]any{
		"airtable": map[string]any{"apiKey": "patAAAAAAAAAAAAAA.1234", "baseId": "appABCDEFGHIJKLMN", "tableId": "tblABCDEFGHIJKLMN"}}})
	status, at := a.as(u1, http.MethodGet, "/api/user-settings?integration=airtable", nil)
	if status != http.StatusOK || at["apiKey"] != "••••1234" || at["baseId"] != "appABCDEFGHIJKLMN" || at["tableId"] != "tblABCDEFGHIJKLMN" {
		t.Fatalf("?integration=airtable = %d %v", status, at)
	}
	if status, body := a.as(u1, http.MethodGet, "/api/user-settings?integration=notion", nil); status != http.StatusBadRequest {
		t.Fatalf("?integration=notion = %d %v", status, body)
	}
	_, other := a.as(u2, http.MethodGet, "/api/user-settings", nil)
	if other["theme"] != "light" || dig(other, "integrations", "airtable", "apiKey") != "" {
		t.Fatalf("u2 sees u1's settings: %v", other)
	}
}

func TestConcurrentPatchesAllSurvive(t *testing.T) {
	a := newTestApp(t, nil)
	const writers = 12
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, body := a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"panels": map[string]any{fmt.Sprint(i): true}}); status != http.StatusOK {
				t.Errorf("PATCH %d: %d %v", i, status, body)
			}
		}()
	}
	wg.Wait()
	_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
	if panels, _ := s["panels"].(map[string]any); len(panels) != writers {
		t.Fatalf("after %d concurrent PATCHes the settings hold %d of them: %v", writers, len(panels), s["panels"])
	}
}

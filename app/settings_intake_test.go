package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"spark.dev/spark/secure"
	"spark.dev/spark/store/storetest"
)

// A key the frontend saved in clear in user_settings is taken in when the
// user's settings are next read: the answer and the document then hold the
// masked form, and at no point does the key reach the app's log.
func TestAClearKeyInTheDocumentNeverReachesALog(t *testing.T) {
	const clear = "rw-typed-in-the-frontend-0123456789"
	eachEngine(t, func(t *testing.T, env map[string]string) {
		a := newTestApp(t, env)
		doc := `{"theme":"dark","integrations":{"readwise":{"apiKey":"` + clear + `","isConnected":true}}}`
		if err := storetest.Inspect(t, a.App.Store).SaveSettingsAsFrontend(t.Context(), u1, json.RawMessage(doc)); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/api/user-settings", "/api/readwise", "/api/user-settings?integration=readwise"} {
			status, body := a.as(u1, http.MethodGet, path, nil)
			raw, _ := json.Marshal(body)
			if status != http.StatusOK || strings.Contains(string(raw), clear) {
				t.Errorf("GET %s: %d %s, want 200 without the key", path, status, raw)
			}
		}
		if _, body := a.as(u1, http.MethodGet, "/api/readwise", nil); body["hasApiKey"] != true {
			t.Errorf("the key was not taken in: %v", body)
		}
		stored, err := a.App.Store.GetSettings(t.Context(), u1)
		var got struct {
			Theme        string
			Integrations struct{ Readwise struct{ APIKey string } }
		}
		if err == nil {
			err = json.Unmarshal(stored, &got)
		}
		if err != nil || got.Theme != "dark" || got.Integrations.Readwise.APIKey != secure.Mask(clear) {
			t.Errorf("the document after the intake: %s, %v; want the key masked and the theme kept", stored, err)
		}
		if logs := a.Logs.String(); logs == "" || strings.Contains(logs, clear) {
			t.Errorf("the app's log is empty or holds the key:\n%s", logs)
		}
	})
}

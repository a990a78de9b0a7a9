package app_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"spark.dev/spark/settings"
)

// onEachEngine runs test against the app on SQLite and on PostgreSQL: each
// keeps the settings document in its own JSON type, with its own limits.
func onEachEngine(t *testing.T, test func(t *testing.T, a *testApp)) {
	eachEngine(t, func(t *testing.T, env map[string]string) { test(t, newTestApp(t, env)) })
}

// storeSettings writes doc as the user's document straight into the
// database, as the frontend can through Supabase.
func (a *testApp) storeSettings(userID, doc string) {
	a.t.Helper()
	driver, dsn := "sqlite", a.App.Config.SQLitePath()
	if a.App.Config.StoreEngine() == "postgres" {
		driver, dsn = "pgx", a.App.Config.DatabaseURL
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		a.t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO user_settings (id, settings) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`, userID, doc); err != nil {
		a.t.Fatal(err)
	}
}

// rawAs sends body as userID and returns the status and the answer as sent.
func (a *testApp) rawAs(userID, method, path, body string) (int, string) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.URL+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Authorization", bearer(userID))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	return resp.StatusCode, string(answer)
}

// nested is a document whose top-level object holds objects depth deep.
func nested(depth int) string {
	return strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
}

// wantRefused asserts that both write methods answer 400 with an error
// containing want.
func (a *testApp) wantRefused(userID, body, want string) {
	a.t.Helper()
	for _, method := range []string{http.MethodPut, http.MethodPatch} {
		status, answer := a.rawAs(userID, method, "/api/user-settings", body)
		var e struct{ Error string }
		if status != http.StatusBadRequest || json.Unmarshal([]byte(answer), &e) != nil || !strings.Contains(e.Error, want) {
			a.t.Errorf("%s %.80s: %d %.300s, want 400 containing %q", method, body, status, answer, want)
		}
	}
}

// wantUnchanged asserts that the user's settings still read, and still
// hold theme dark, as each test sets first.
func (a *testApp) wantUnchanged(userID string) {
	a.t.Helper()
	status, s := a.as(userID, http.MethodGet, "/api/user-settings", nil)
	if status != http.StatusOK || s["theme"] != "dark" || len(s) != 6 {
		a.t.Fatalf("after refused writes GET = %d %v", status, s)
	}
	if status, _ := a.as(userID, http.MethodPatch, "/api/user-settings", map[string]any{"theme": "dark"}); status != http.StatusOK {
		a.t.Fatalf("after refused writes PATCH = %d", status)
	}
}

func TestSettingsRefuseNumbersADoubleCannotHold(t *testing.T) {
	onEachEngine(t, func(t *testing.T, a *testApp) {
		a.as(u1, http.MethodPut, "/api/user-settings", map[string]any{"theme": "dark"})
		for body, path := range map[string]string{
			`{"n":1e400}`:                                 "n",
			`{"panel":{"zoom":-1e400}}`:                   "panel.zoom",
			`{"n":` + strings.Repeat("9", 400) + `}`:      "n",
			`{"list":[1,{"x":2e308}]}`:                    "list.1.x",
			`{"integrations":{"notion":{"limit":1e999}}}`: "integrations.notion.limit",
		} {
			a.wantRefused(u1, body, path+" must be a number from -1.7976931348623157e308 to 1.7976931348623157e308")
		}
		var many []string
		for i := range 30 {
			many = append(many, fmt.Sprintf(`"n%02d":1e400`, i))
		}
		a.wantRefused(u1, "{"+strings.Join(many, ",")+"}", "n19 must be a number from -1.7976931348623157e308 to 1.7976931348623157e308; and 10 more")
		a.wantUnchanged(u1)
	})
}

// Numbers are kept as the doubles JavaScript reads them as, which any engine
// stores: PostgreSQL's numeric cannot hold 1e-20000 (500 before).
func TestSettingsSaveNumbersAsDoubles(t *testing.T) {
	onEachEngine(t, func(t *testing.T, a *testApp) {
		status, _ := a.rawAs(u1, http.MethodPut, "/api/user-settings",
			`{"tiny":1e-20000,"tenth":0.1000000000000000000001,"big":1.7976931348623157e308,"id":12345678901234567890}`)
		if status != http.StatusOK {
			t.Fatalf("PUT = %d", status)
		}
		_, s := a.as(u1, http.MethodGet, "/api/user-settings", nil)
		if s["tiny"] != float64(0) || s["tenth"] != 0.1 || s["big"] != 1.7976931348623157e308 || s["id"] != 12345678901234567890.0 {
			t.Fatalf("numbers read back as %v %v %v %v", s["tiny"], s["tenth"], s["big"], s["id"])
		}

		// PostgreSQL spells 1.7976931348623157e308 in 309 digits; the
		// document still measures as the doubles it holds.
		doubles := strings.TrimSuffix(strings.Repeat("1.7976931348623157e308,", 2000), ",")
		if status, answer := a.rawAs(u1, http.MethodPut, "/api/user-settings", `{"many":[`+doubles+`]}`); status != http.StatusOK {
			t.Fatalf("PUT of 2000 large doubles = %d %.300s", status, answer)
		}
		if status, answer := a.rawAs(u1, http.MethodPatch, "/api/user-settings", `{"theme":"dark"}`); status != http.StatusOK {
			t.Fatalf("PATCH beside 2000 large doubles = %d %.300s", status, answer)
		}
	})
}

// A document the API would refuse can still be in the database, written by
// the frontend directly: it reads, and the API writes over it.
func TestSettingsStoredDocumentsAlwaysRead(t *testing.T) {
	onEachEngine(t, func(t *testing.T, a *testApp) {
		a.storeSettings(u1, `{"theme":"dark","big":1e400}`)
		status, answer := a.rawAs(u1, http.MethodGet, "/api/user-settings", "")
		if status != http.StatusOK || !strings.Contains(answer, `"theme":"dark"`) || !strings.Contains(answer, `"big":1`) {
			t.Fatalf("GET of a stored 1e400 = %d %.300s", status, answer)
		}
		if status, _ := a.rawAs(u1, http.MethodPatch, "/api/user-settings", `{"theme":"light"}`); status != http.StatusOK {
			t.Fatalf("PATCH beside a stored 1e400 = %d", status)
		}
		if status, _ := a.rawAs(u1, http.MethodPatch, "/api/user-settings", `{"big":null}`); status != http.StatusOK {
			t.Fatalf("PATCH deleting a stored 1e400 = %d", status)
		}
		if _, s := a.as(u1, http.MethodGet, "/api/user-settings", nil); s["theme"] != "light" || s["big"] != nil {
			t.Fatalf("after the PATCHes: %v", s)
		}

		for _, doc := range []string{`null`, `[]`, `"text"`, `42`} {
			a.storeSettings(u1, doc)
			if status, s := a.as(u1, http.MethodGet, "/api/user-settings", nil); status != http.StatusOK || s["theme"] != "light" {
				t.Errorf("GET of a stored %s = %d %v, want the defaults", doc, status, s)
			}
			for _, method := range []string{http.MethodPut, http.MethodPatch} {
				a.storeSettings(u1, doc)
				if status, s := a.as(u1, method, "/api/user-settings", map[string]any{"theme": "dark"}); status != http.StatusOK ||
					dig(s, "data", "settings", "theme") != "dark" {
					t.Errorf("%s over a stored %s = %d %v", method, doc, status, s)
				}
			}
		}
	})
}

func TestSettingsRefuseDocumentsPastTheLimits(t *testing.T) {
	onEachEngine(t, func(t *testing.T, a *testApp) {
		a.as(u1, http.MethodPut, "/api/user-settings", map[string]any{"theme": "dark"})
		if status, answer := a.rawAs(u1, http.MethodPatch, "/api/user-settings", nested(settings.MaxDepth)); status != http.StatusOK {
			t.Fatalf("PATCH %d levels deep = %d %.300s", settings.MaxDepth, status, answer)
		}
		a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"a": nil})

		tooDeep := "Settings may nest at most 32 levels deep"
		for _, depth := range []int{settings.MaxDepth + 1, 1001, 5000} {
			a.wantRefused(u1, nested(depth), tooDeep)
		}
		a.wantRefused(u1, `{"list":[`+strings.Repeat("[", 40)+strings.Repeat("]", 40)+`]}`, tooDeep)

		many := make(map[string]int, settings.MaxEntries)
		for i := range settings.MaxEntries {
			many[fmt.Sprint("panel-", i)] = i
		}
		raw, _ := json.Marshal(map[string]any{"panels": many})
		a.wantRefused(u1, string(raw), "Settings may hold at most 10000 keys and list items")

		big := strings.Repeat("x", settings.MaxBytes)
		a.wantRefused(u1, `{"note":"`+big+`"}`, "Settings may take at most 256 KiB as JSON")
		half := `"` + big[:settings.MaxBytes/2] + `"`
		if status, _ := a.rawAs(u1, http.MethodPatch, "/api/user-settings", `{"first":`+half+`}`); status != http.StatusOK {
			t.Fatalf("PATCH of 128 KiB = %d", status)
		}
		a.wantRefused(u1, `{"second":`+half+`}`, "Settings may take at most 256 KiB as JSON")
		a.as(u1, http.MethodPatch, "/api/user-settings", map[string]any{"first": nil})

		// PostgreSQL's JSONB cannot hold U+0000.
		a.wantRefused(u1, `{"note":"a\u0000b"}`, `note must not contain the character U+0000`)
		a.wantRefused(u1, `{"notes":{"a\u0000b":1}}`, `notes.a\u0000b must not contain the character U+0000`)
		a.wantUnchanged(u1)
	})
}

// Secret-looking fields of an integration the server does not know are
// dropped however deep they sit.
func TestSettingsDropSecretsOfUnknownIntegrationsAtAnyDepth(t *testing.T) {
	a := newTestApp(t, nil)
	secrets := []string{"tok-AAAA", "sec-BBBB", "pw-CCCC", "key-DDDD"}
	status, saved := a.rawAs(u1, http.MethodPatch, "/api/user-settings", `{"integrations":{"notion":{
		"workspace":"home",
		"auth":{"accessToken":"tok-AAAA","scope":"read","client":{"clientSecret":"sec-BBBB","id":"c1"}},
		"accounts":[{"password":"pw-CCCC","name":"me"},[{"privateKey":"key-DDDD"}]]}}}`)
	if status != http.StatusOK {
		t.Fatalf("PATCH = %d %s", status, saved)
	}
	_, view := a.rawAs(u1, http.MethodGet, "/api/user-settings", "")
	a.storeSettings(u2, `{"integrations":{"notion":{"auth":{"token":"tok-EEEE"}}}}`)
	if _, direct := a.rawAs(u2, http.MethodGet, "/api/user-settings", ""); strings.Contains(direct, "tok-EEEE") {
		t.Errorf("GET returned a token the frontend stored directly: %s", direct)
	}
	var storedDoc string
	db, err := sql.Open("sqlite", a.App.Config.SQLitePath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("SELECT settings FROM user_settings WHERE id = $1", u1).Scan(&storedDoc); err != nil {
		t.Fatal(err)
	}
	for where, text := range map[string]string{"PATCH answer": saved, "GET": view, "database": storedDoc} {
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds %s: %s", where, secret, text)
			}
		}
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(view), &s); err != nil {
		t.Fatal(err)
	}
	notion := dig(s, "integrations", "notion").(map[string]any)
	accounts, _ := notion["accounts"].([]any)
	if notion["workspace"] != "home" || dig(notion, "auth", "scope") != "read" || dig(notion, "auth", "client", "id") != "c1" ||
		len(accounts) != 2 || dig(accounts[0].(map[string]any), "name") != "me" {
		t.Fatalf("the other fields of notion were not kept: %v", notion)
	}
}

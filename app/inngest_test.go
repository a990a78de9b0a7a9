package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/inngest/inngestgo"
)

const signingKey = "signkey-test-12345678901234567890123456789012345678901234567890123456"

func productionEnv(extra map[string]string) map[string]string {
	env := map[string]string{
		"APP_ENV":             "production",
		"INNGEST_DEV":         "",
		"INNGEST_SIGNING_KEY": signingKey,
		"ENCRYPTION_KEY":      encodeBase64(bytes.Repeat([]byte{1}, 32)),
		"CALLBACK_SECRET":     encodeBase64(bytes.Repeat([]byte{2}, 32)),
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

// signed sends an Inngest-signed request to /api/inngest.
func (a *testApp) signed(method string, body []byte) (*http.Response, map[string]any) {
	a.t.Helper()
	sig, err := inngestgo.Sign(context.Background(), time.Now(), []byte(signingKey), body)
	if err != nil {
		a.t.Fatal(err)
	}
	req, _ := http.NewRequest(method, a.URL+"/api/inngest", bytes.NewReader(body))
	req.Header.Set("X-Inngest-Signature", sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	answer := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&answer)
	return resp, answer
}

// syncedFunctions asks the app for its functions the way Inngest Cloud does
// (a signed in-band sync) and returns each function id with its triggers.
func (a *testApp) syncedFunctions() map[string]string {
	a.t.Helper()
	resp, answer := a.signed(http.MethodPut, []byte(`{"url":"`+a.URL+`/api/inngest"}`))
	if resp.StatusCode != http.StatusOK {
		a.t.Fatalf("in-band sync: %d %v", resp.StatusCode, answer)
	}
	fns := map[string]string{}
	for _, f := range answer["functions"].([]any) {
		fn := f.(map[string]any)
		triggers, _ := json.Marshal(fn["triggers"])
		fns[fn["id"].(string)] = string(triggers)
	}
	return fns
}

func TestInngestAppIDPerEnvironment(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"production", nil, "spark-production"},
		{"preview", map[string]string{"APP_ENV": "", "VERCEL_ENV": "preview", "VERCEL_GIT_COMMIT_REF": "Feature/Foo_Bar.baz"}, "spark-preview-feature-foo-bar-baz"},
		{"development", map[string]string{"APP_ENV": "development"}, "spark-dev"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := newTestApp(t, productionEnv(withJWT(c.env)))
			resp, answer := a.signed(http.MethodGet, nil)
			if resp.StatusCode != http.StatusOK || answer["app_id"] != c.want || answer["authentication_succeeded"] != true {
				t.Fatalf("signed GET /api/inngest = %d %v, want app_id %s", resp.StatusCode, answer, c.want)
			}
		})
	}
}

func TestInngestCloudModeRefusesUnsignedRequests(t *testing.T) {
	a := newTestApp(t, productionEnv(withJWT(nil)))
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodPost} {
		status, _ := a.request(method, "/api/inngest", nil, nil)
		if status != http.StatusUnauthorized {
			t.Errorf("unsigned %s /api/inngest in production = %d, want 401", method, status)
		}
	}
}

func TestDevModeServesIntrospectionWithoutSignature(t *testing.T) {
	a := newTestApp(t, nil)
	status, answer := a.request(http.MethodGet, "/api/inngest", nil, nil)
	if status != http.StatusOK || answer["mode"] != "dev" {
		t.Fatalf("GET /api/inngest in development = %d %v", status, answer)
	}
}

func TestCronFunctionIsRegisteredOnlyInProduction(t *testing.T) {
	prod := newTestApp(t, productionEnv(withJWT(nil))).syncedFunctions()
	cron, ok := prod["spark-production-readwise-daily-sync"]
	if !ok || !strings.Contains(cron, `"cron":"TZ=UTC 0 3 * * *"`) {
		t.Fatalf("production functions %v lack the daily cron", prod)
	}
	for _, id := range []string{"spark-production-readwise-count-books", "spark-production-readwise-daily-sync-manual"} {
		if _, ok := prod[id]; !ok {
			t.Errorf("production lacks %s", id)
		}
	}
	if !strings.Contains(prod["spark-production-readwise-count-books"], "readwise/fetch-books") {
		t.Errorf("count-books triggers %s lack the readwise/fetch-books alias", prod["spark-production-readwise-count-books"])
	}

	preview := newTestApp(t, productionEnv(withJWT(map[string]string{"APP_ENV": "", "VERCEL_ENV": "preview", "VERCEL_GIT_COMMIT_REF": "main"}))).syncedFunctions()
	for id, triggers := range preview {
		if strings.Contains(triggers, "cron") {
			t.Errorf("preview registers the cron function %s", id)
		}
	}
	if _, ok := preview["spark-preview-main-readwise-daily-sync-manual"]; !ok {
		t.Errorf("preview lacks the manual daily sync: %v", preview)
	}
}

func withJWT(env map[string]string) map[string]string {
	out := map[string]string{"SUPABASE_JWT_SECRET": jwtSecret}
	for k, v := range env {
		out[k] = v
	}
	return out
}

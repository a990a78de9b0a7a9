package config

import (
	"strings"
	"testing"
)

const selfHostedKey = "6c6f63616c2d656e67696e652d6b6579" // plain hex, as `inngest start --signing-key` takes

func devBase(change map[string]string) map[string]string {
	return with(map[string]string{"ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2)}, change)
}

// A signed app pointed at a self-hosted engine sends events and registers
// there; the API and event URLs may be set apart; without any, Inngest Cloud.
func TestInngestURLsNameTheEngine(t *testing.T) {
	cases := []struct {
		name           string
		vars           map[string]string
		api, event     string
		selfHosted     bool
		wantBaseURLSet string
	}{
		{"Inngest Cloud", map[string]string{"INNGEST_SIGNING_KEY": "signkey-prod-" + selfHostedKey},
			"https://api.inngest.com", "https://inn.gs", false, ""},
		{"one base URL", map[string]string{"INNGEST_SIGNING_KEY": selfHostedKey, "INNGEST_BASE_URL": "http://127.0.0.1:8288/"},
			"http://127.0.0.1:8288", "http://127.0.0.1:8288", true, "http://127.0.0.1:8288"},
		{"separate URLs", map[string]string{"INNGEST_SIGNING_KEY": selfHostedKey, "INNGEST_BASE_URL": "http://engine:8288",
			"INNGEST_EVENT_API_BASE_URL": "http://events:8288"}, "http://engine:8288", "http://events:8288", true, "http://engine:8288"},
		{"API URL alone", map[string]string{"INNGEST_SIGNING_KEY": selfHostedKey, "INNGEST_API_BASE_URL": "https://api.engine.example"},
			"https://api.engine.example", "https://inn.gs", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Load(env(devBase(c.vars)))
			if err != nil {
				t.Fatal(err)
			}
			got := cfg.Inngest
			if got.Dev || got.APIBaseURL != c.api || got.EventAPIBaseURL != c.event || got.SelfHosted != c.selfHosted || got.BaseURL != c.wantBaseURLSet {
				t.Fatalf("got %+v", got)
			}
		})
	}
}

func TestDevModeUsesTheDevServerForBothURLs(t *testing.T) {
	cfg, err := Load(env(devBase(map[string]string{"INNGEST_DEV": "http://127.0.0.1:9999/", "INNGEST_BASE_URL": "http://ignored:1"})))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Inngest.Dev || cfg.Inngest.APIBaseURL != "http://127.0.0.1:9999" || cfg.Inngest.EventAPIBaseURL != "http://127.0.0.1:9999" || cfg.Inngest.SelfHosted {
		t.Fatalf("got %+v", cfg.Inngest)
	}
}

func TestSigningKeyFormats(t *testing.T) {
	for _, good := range []string{"signkey-prod-" + selfHostedKey, "signkey-branch-ABCD", selfHostedKey} {
		if _, err := Load(env(devBase(map[string]string{"INNGEST_SIGNING_KEY": good, "INNGEST_SIGNING_KEY_FALLBACK": good}))); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
	for _, bad := range []string{"signkey-" + selfHostedKey, "abc", "not-hex-zz", "signkey-prod-", "signkey-prod-abc"} {
		for _, name := range []string{"INNGEST_SIGNING_KEY", "INNGEST_SIGNING_KEY_FALLBACK"} {
			vars := map[string]string{"INNGEST_SIGNING_KEY": selfHostedKey}
			vars[name] = bad
			_, err := Load(env(devBase(vars)))
			if err == nil || !strings.Contains(err.Error(), name+": expected signkey-<env>-<hex>") {
				t.Errorf("%s=%q: error %v", name, bad, err)
				continue
			}
			if strings.Contains(err.Error(), bad) {
				t.Errorf("the error repeats the key: %v", err)
			}
		}
	}
}

// The SDK treats any non-empty INNGEST_DEV as dev mode, "0" included.
func TestInngestDevValues(t *testing.T) {
	prod := map[string]string{"APP_ENV": "production", "INNGEST_SIGNING_KEY": selfHostedKey, "SUPABASE_JWT_SECRET": "s"}
	for _, v := range []string{"0", "false", "1", "http://127.0.0.1:8288"} {
		_, err := Load(env(devBase(with(prod, map[string]string{"INNGEST_DEV": v}))))
		if err == nil || !strings.Contains(err.Error(), "INNGEST_DEV must not be set in production, not even to") {
			t.Errorf("production with INNGEST_DEV=%q: error %v", v, err)
		}
	}
	cases := []struct {
		value, signingKey string
		dev               bool
		wantErr           string
	}{
		{"1", "", true, ""},
		{"TRUE", selfHostedKey, true, ""},
		{"0", selfHostedKey, false, ""},
		{"false", selfHostedKey, false, ""},
		{"0", "", false, "INNGEST_DEV=0 turns dev mode off, which needs INNGEST_SIGNING_KEY"},
		{"yes", "", false, `INNGEST_DEV="yes": expected 1, true, 0, false or the dev server's http(s) URL`},
		{"localhost:8288", "", false, "expected 1, true, 0, false"},
	}
	for _, c := range cases {
		cfg, err := Load(env(devBase(map[string]string{"INNGEST_DEV": c.value, "INNGEST_SIGNING_KEY": c.signingKey})))
		switch {
		case c.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("INNGEST_DEV=%q: error %v, want %q", c.value, err, c.wantErr)
			}
		case err != nil || cfg.Inngest.Dev != c.dev:
			t.Errorf("INNGEST_DEV=%q with key %q: dev %v, error %v; want dev %v", c.value, c.signingKey, cfg.Inngest.Dev, err, c.dev)
		}
	}
}

func TestInngestURLsMustBeAbsolute(t *testing.T) {
	for _, name := range []string{"INNGEST_BASE_URL", "INNGEST_API_BASE_URL", "INNGEST_EVENT_API_BASE_URL"} {
		_, err := Load(env(devBase(map[string]string{"INNGEST_SIGNING_KEY": selfHostedKey, name: "127.0.0.1:8288"})))
		if err == nil || !strings.Contains(err.Error(), name+`="127.0.0.1:8288": expected an absolute http(s) URL`) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

package config

import (
	"bytes"
	"encoding/base64"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// with returns a copy of base with the variables of change set.
func with(base, change map[string]string) map[string]string {
	vars := maps.Clone(base)
	maps.Copy(vars, change)
	return vars
}

func TestAppID(t *testing.T) {
	cases := []struct {
		env    Environment
		branch string
		want   string
	}{
		{Production, "main", "spark-production"},
		{Development, "main", "spark-dev"},
		{Preview, "Feature/Foo_Bar.baz", "spark-preview-feature-foo-bar-baz"},
		{Preview, "--Weird///Branch--", "spark-preview-weird-branch"},
		{Preview, "", "spark-preview-unknown"},
		{Preview, "///", "spark-preview-unknown"},
		{Preview, "ümlaut-ß", "spark-preview-mlaut"},
		{Preview, strings.Repeat("a", 100), "spark-preview-" + strings.Repeat("a", 50)},
		{Preview, strings.Repeat("a", 49) + "/b", "spark-preview-" + strings.Repeat("a", 49)},
	}
	for _, c := range cases {
		got := AppID(c.env, c.branch)
		if got != c.want {
			t.Errorf("AppID(%s, %q) = %q, want %q", c.env, c.branch, got, c.want)
		}
		if len(got) > 64 {
			t.Errorf("AppID(%s, %q) is %d characters long", c.env, c.branch, len(got))
		}
	}
}

func TestDevelopmentDefaults(t *testing.T) {
	dir := t.TempDir()
	cfg, err := Load(env(map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "spark.db")}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Environment != Development || cfg.AppID != "spark-dev" || cfg.Port != "3000" ||
		cfg.AppURL != "http://localhost:3000" || cfg.StoreEngine() != "sqlite" || cfg.AuthAudience != "authenticated" {
		t.Fatalf("defaults: %+v", cfg)
	}
	if !cfg.Inngest.Dev || cfg.Inngest.DevServerURL != "http://127.0.0.1:8288" {
		t.Fatalf("dev mode should be on without a signing key: %+v", cfg.Inngest)
	}
	if cfg.LogFormat != "text" || cfg.ReadwiseAPIURL != "https://readwise.io/api/v2" {
		t.Fatalf("defaults: %+v", cfg)
	}
}

func TestDefaultDatabaseIsSQLiteUnderData(t *testing.T) {
	cfg, err := Load(env(map[string]string{"ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2)}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DatabaseURL != "sqlite:./data/spark.db" || cfg.SQLitePath() != "./data/spark.db" || cfg.DataDir != "data" {
		t.Fatalf("got %q %q %q", cfg.DatabaseURL, cfg.SQLitePath(), cfg.DataDir)
	}
}

func TestDevSecretsAreGeneratedOnceAndReused(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "spark.db")}
	first, err := Load(env(vars))
	if err != nil {
		t.Fatal(err)
	}
	second, err := Load(env(vars))
	if err != nil {
		t.Fatal(err)
	}
	if len(first.EncryptionKey) != 32 || !bytes.Equal(first.EncryptionKey, second.EncryptionKey) ||
		!bytes.Equal(first.CallbackSecret, second.CallbackSecret) || bytes.Equal(first.EncryptionKey, first.CallbackSecret) {
		t.Fatal("dev secrets are not stable, distinct 32-byte keys")
	}
	info, err := os.Stat(filepath.Join(dir, "encryption.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("encryption.key: %v %v", info, err)
	}
}

func TestProductionRefusesToStartWithoutItsSecrets(t *testing.T) {
	complete := map[string]string{
		"APP_ENV":             "production",
		"INNGEST_SIGNING_KEY": "signkey-prod-abcd",
		"ENCRYPTION_KEY":      key(1),
		"CALLBACK_SECRET":     key(2),
		"SUPABASE_URL":        "https://project.supabase.co",
	}
	if cfg, err := Load(env(complete)); err != nil || cfg.AppID != "spark-production" || cfg.Inngest.Dev || cfg.LogFormat != "json" {
		t.Fatalf("complete production config: %+v %v", cfg, err)
	}
	cases := []struct {
		change map[string]string
		want   string
	}{
		{map[string]string{"INNGEST_SIGNING_KEY": ""}, "INNGEST_SIGNING_KEY"},
		{map[string]string{"ENCRYPTION_KEY": ""}, "ENCRYPTION_KEY"},
		{map[string]string{"CALLBACK_SECRET": ""}, "CALLBACK_SECRET"},
		{map[string]string{"SUPABASE_URL": ""}, "SUPABASE_URL or SUPABASE_JWT_SECRET"},
		{map[string]string{"INNGEST_DEV": "1"}, "INNGEST_DEV must not be set in production"},
		{map[string]string{"INNGEST_DEV": "0"}, "INNGEST_DEV must not be set in production"},
		{map[string]string{"ENCRYPTION_KEY": "too-short"}, "ENCRYPTION_KEY"},
		{map[string]string{"APP_ENV": "prod"}, `APP_ENV="prod"`},
	}
	for _, c := range cases {
		_, err := Load(env(with(complete, c.change)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("with %v: error %v, want one naming %s", c.change, err, c.want)
		}
	}
	// The JWT secret alone is an auth verifier too.
	vars := with(complete, map[string]string{"SUPABASE_URL": "", "SUPABASE_JWT_SECRET": "legacy-secret"})
	if _, err := Load(env(vars)); err != nil {
		t.Errorf("production with SUPABASE_JWT_SECRET only: %v", err)
	}
}

func TestVercelEnvWinsAndPreviewNeedsNoDevServer(t *testing.T) {
	cfg, err := Load(env(map[string]string{
		"VERCEL_ENV": "preview", "APP_ENV": "production", "VERCEL_GIT_COMMIT_REF": "fix/Login",
		"VERCEL_URL": "spark-git-fix-login.vercel.app", "INNGEST_SIGNING_KEY": "signkey-branch-abcd",
		"ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Environment != Preview || cfg.AppID != "spark-preview-fix-login" || cfg.Inngest.Dev ||
		cfg.AppURL != "https://spark-git-fix-login.vercel.app" {
		t.Fatalf("preview config: %+v", cfg)
	}
}

// A preview is public: it must verify Inngest's signatures like production.
func TestPreviewRefusesToServeInngestUnsigned(t *testing.T) {
	base := map[string]string{"VERCEL_ENV": "preview", "ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2)}
	cases := []struct {
		change map[string]string
		want   string
	}{
		{nil, "a preview needs INNGEST_SIGNING_KEY"},
		{map[string]string{"INNGEST_SIGNING_KEY": "signkey-branch-abcd", "INNGEST_DEV": "1"}, "INNGEST_DEV must not be set in preview"},
	}
	for _, c := range cases {
		if _, err := Load(env(with(base, c.change))); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("with %v: error %v, want one saying %q", c.change, err, c.want)
		}
	}
}

func TestInngestDevMayNameTheDevServer(t *testing.T) {
	cfg, err := Load(env(map[string]string{"INNGEST_DEV": "http://127.0.0.1:9999", "ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2)}))
	if err != nil || !cfg.Inngest.Dev || cfg.Inngest.DevServerURL != "http://127.0.0.1:9999" {
		t.Fatalf("got %+v %v", cfg.Inngest, err)
	}
}

func TestDotenvNeverOverridesTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".env"), "PORT=4000\nLOG_LEVEL=debug\nADMIN_USER_IDS=a\n")
	write(t, filepath.Join(dir, ".env.local"), "LOG_LEVEL=warn\n")
	getenv, err := WithDotenv(env(map[string]string{"PORT": "5000"}), dir, ".env", ".env.local")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"PORT": "5000", "LOG_LEVEL": "warn", "ADMIN_USER_IDS": "a", "UNSET": ""} {
		if got := getenv(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, err := WithDotenv(env(nil), t.TempDir(), ".env"); err != nil {
		t.Errorf("a missing .env is not an error: %v", err)
	}
}

func TestListsAndValidation(t *testing.T) {
	base := map[string]string{"ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2)}
	cfg, err := Load(env(with(base, map[string]string{"ADMIN_USER_IDS": " a, ,b ", "CORS_ALLOWED_ORIGINS": "https://x.example"})))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.IsAdmin("a") || !cfg.IsAdmin("b") || cfg.IsAdmin("") || cfg.IsAdmin("c") || len(cfg.CORSAllowedOrigins) != 1 {
		t.Fatalf("lists: %+v", cfg)
	}
	if cfg.PagesPerRun != 400 {
		t.Errorf("PagesPerRun defaults to %d, want 400", cfg.PagesPerRun)
	}
	for name, value := range map[string]string{"LOG_LEVEL": "loud", "LOG_FORMAT": "xml", "PAGES_PER_RUN": "901"} {
		if _, err := Load(env(with(base, map[string]string{name: value}))); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: error %v", name, value, err)
		}
	}
}

func key(b byte) string {
	return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

package config

import (
	"path/filepath"
	"testing"
)

// Development without Supabase gets a generated token secret, kept in the
// data folder; a Supabase setting, production, previews and Vercel never.
func TestDevTokenSecretOnlyInLocalDevelopment(t *testing.T) {
	dir := t.TempDir()
	local := map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "spark.db")}
	first, err := Load(env(local))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Load(env(local))
	if err != nil {
		t.Fatal(err)
	}
	if !first.DevTokens || len(first.JWTSecret) < 40 || again.JWTSecret != first.JWTSecret {
		t.Fatalf("development: DevTokens %v, secret reused %v", first.DevTokens, again.JWTSecret == first.JWTSecret)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "jwt-secret.key")); len(files) != 1 {
		t.Fatalf("no jwt-secret.key in the data folder")
	}

	keys := map[string]string{"ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2), "INNGEST_SIGNING_KEY": selfHostedKey}
	others := map[string]map[string]string{
		"Supabase URL set":   with(local, map[string]string{"SUPABASE_URL": "https://p.supabase.co"}),
		"JWT secret set":     with(local, map[string]string{"SUPABASE_JWT_SECRET": "their-secret"}),
		"preview":            with(with(local, keys), map[string]string{"APP_ENV": "preview"}),
		"Vercel development": with(with(local, keys), map[string]string{"VERCEL": "1", "VERCEL_ENV": "development"}),
	}
	for name, vars := range others {
		cfg, err := Load(env(vars))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if cfg.DevTokens || cfg.JWTSecret == first.JWTSecret {
			t.Errorf("%s uses the generated token secret", name)
		}
	}
	// Production without a verifier refuses to start rather than generate one.
	if _, err := Load(env(with(with(local, keys), map[string]string{"APP_ENV": "production"}))); err == nil {
		t.Error("production started without SUPABASE_URL or SUPABASE_JWT_SECRET")
	}
}

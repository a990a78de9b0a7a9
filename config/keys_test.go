package config

import (
	"path/filepath"
	"strings"
	"testing"
)

// A preview or a Vercel deployment cannot keep a generated key: its data
// folder is read-only or lost with the instance, so tokens stored under one
// key would not decrypt under the next. It must name both keys at start-up.
func TestDeploymentsWithoutPersistentKeysRefuseToStartWithoutThem(t *testing.T) {
	cases := map[string]map[string]string{
		"Vercel preview":     {"VERCEL": "1", "VERCEL_ENV": "preview", "INNGEST_SIGNING_KEY": "signkey-branch-abcd"},
		"preview elsewhere":  {"APP_ENV": "preview", "INNGEST_SIGNING_KEY": "signkey-branch-abcd"},
		"Vercel development": {"VERCEL": "1", "VERCEL_ENV": "development"},
		"VERCEL=1 only":      {"VERCEL": "1"},
		"VERCEL_ENV only":    {"VERCEL_ENV": "development"},
	}
	for name, vars := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir() // writable: a generated key would have been accepted
			base := with(vars, map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "spark.db")})

			_, err := Load(env(base))
			if err == nil || !strings.Contains(err.Error(), "needs ENCRYPTION_KEY, CALLBACK_SECRET: set it in the environment") {
				t.Fatalf("without keys: error %v, want one naming ENCRYPTION_KEY and CALLBACK_SECRET", err)
			}
			_, err = Load(env(with(base, map[string]string{"ENCRYPTION_KEY": key(1)})))
			if err == nil || !strings.Contains(err.Error(), "needs CALLBACK_SECRET") {
				t.Fatalf("without CALLBACK_SECRET: error %v", err)
			}
			if files, _ := filepath.Glob(filepath.Join(dir, "*.key")); len(files) > 0 {
				t.Errorf("generated %v", files)
			}
			cfg, err := Load(env(with(base, map[string]string{"ENCRYPTION_KEY": key(1), "CALLBACK_SECRET": key(2)})))
			if err != nil || len(cfg.EncryptionKey) != 32 || len(cfg.CallbackSecret) != 32 {
				t.Fatalf("with both keys: %v", err)
			}
		})
	}
}

package config

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"spark.dev/spark/secure"
)

// requireSecrets names every variable env cannot run without, all at once.
// Production needs every secret. A preview, or any deployment on Vercel,
// needs the two keys: a key generated into its data folder does not outlive
// the instance (or cannot be written at all), so tokens encrypted under one
// key would not decrypt under the next.
func requireSecrets(getenv func(string) string, env Environment) error {
	var where string
	var names []string
	switch {
	case env == Production:
		where, names = "production", []string{"INNGEST_SIGNING_KEY", "ENCRYPTION_KEY", "CALLBACK_SECRET"}
	case env == Preview:
		where, names = "a preview", []string{"ENCRYPTION_KEY", "CALLBACK_SECRET"}
	case onVercel(getenv):
		where, names = "a Vercel deployment", []string{"ENCRYPTION_KEY", "CALLBACK_SECRET"}
	default:
		return nil
	}
	var missing []string
	for _, name := range names {
		if getenv(name) == "" {
			missing = append(missing, name)
		}
	}
	if env == Production && getenv("SUPABASE_URL") == "" && getenv("SUPABASE_JWT_SECRET") == "" {
		missing = append(missing, "SUPABASE_URL or SUPABASE_JWT_SECRET")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s needs %s: set it in the environment", where, strings.Join(missing, ", "))
	}
	return nil
}

// onVercel reports whether Vercel runs the process: it sets VERCEL=1 and
// VERCEL_ENV on its builds, functions and `vercel dev`.
func onVercel(getenv func(string) string) bool {
	return getenv("VERCEL") == "1" || getenv("VERCEL_ENV") != ""
}

// secretKey reads a 32-byte key from the environment (base64) or, where
// requireSecrets does not insist on it (local development), from a file in
// the data folder that it creates on first use, so a local database stays
// readable across restarts.
func secretKey(getenv func(string) string, name, dataDir, file string) ([]byte, error) {
	if v := getenv(name); v != "" {
		key, err := secure.ParseKey(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return key, nil
	}
	return keyFile(name, filepath.Join(dataDir, file))
}

// keyFile reads the key in path, generating it there on first use.
func keyFile(name, path string) ([]byte, error) {
	if raw, err := os.ReadFile(path); err == nil {
		key, err := secure.ParseKey(strings.TrimSpace(string(raw)))
		if err != nil {
			return nil, fmt.Errorf("%s from %s: %w", name, path, err)
		}
		return key, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: reading %s: %w", name, path, err)
	}
	return generateKey(name, path)
}

func generateKey(name, path string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("%s is not set and the data folder cannot be created (%w): set %s", name, err, name)
	}
	encoded := base64.StdEncoding.EncodeToString(key) + "\n"
	// O_EXCL: when two processes start at once, one writes and the other reads its key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return secure.ParseKey(strings.TrimSpace(string(raw)))
	}
	if err != nil {
		return nil, fmt.Errorf("%s is not set and %s cannot be written (%w): set %s", name, path, err, name)
	}
	defer f.Close()
	if _, err := f.WriteString(encoded); err != nil {
		return nil, err
	}
	return key, nil
}

// devJWTSecret is the HS256 secret of development tokens (`spark-api token`),
// kept in the data folder like the other development keys. Only local
// development without a Supabase setting uses one: production and previews
// never accept such tokens.
func devJWTSecret(getenv func(string) string, env Environment, dataDir string) (string, error) {
	if env != Development || onVercel(getenv) {
		return "", nil
	}
	key, err := keyFile("SUPABASE_JWT_SECRET", filepath.Join(dataDir, "jwt-secret.key"))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(key), nil
}

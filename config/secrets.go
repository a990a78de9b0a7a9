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

// requireProductionSecrets names every variable production cannot run without.
func requireProductionSecrets(getenv func(string) string) error {
	var missing []string
	for _, name := range []string{"INNGEST_SIGNING_KEY", "ENCRYPTION_KEY", "CALLBACK_SECRET"} {
		if getenv(name) == "" {
			missing = append(missing, name)
		}
	}
	if getenv("SUPABASE_URL") == "" && getenv("SUPABASE_JWT_SECRET") == "" {
		missing = append(missing, "SUPABASE_URL or SUPABASE_JWT_SECRET")
	}
	if len(missing) > 0 {
		return fmt.Errorf("production needs %s: set it in the environment", strings.Join(missing, ", "))
	}
	return nil
}

// secretKey reads a 32-byte key from the environment (base64) or, outside
// production, from a file in the data folder that it creates on first use,
// so a local database stays readable across restarts.
func secretKey(getenv func(string) string, name, dataDir, file string) ([]byte, error) {
	if v := getenv(name); v != "" {
		key, err := secure.ParseKey(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return key, nil
	}
	path := filepath.Join(dataDir, file)
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

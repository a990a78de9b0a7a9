package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/joho/godotenv"
)

// WithDotenv returns a getenv that falls back to the given .env files, later
// files winning over earlier ones (so .env.local beats .env). Variables set
// in the environment always win. Missing files are skipped.
func WithDotenv(getenv func(string) string, dir string, files ...string) (func(string) string, error) {
	values := map[string]string{}
	for _, name := range files {
		path := filepath.Join(dir, name)
		file, err := godotenv.Read(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		for k, v := range file {
			values[k] = v
		}
	}
	return func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return values[name]
	}, nil
}

package config

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

func logging(getenv func(string) string, env Environment) (slog.Level, string, error) {
	var level slog.Level
	if raw := getenv("LOG_LEVEL"); raw != "" {
		if err := level.UnmarshalText([]byte(raw)); err != nil {
			return 0, "", fmt.Errorf("LOG_LEVEL=%q: expected debug, info, warn or error", raw)
		}
	}
	format := strings.ToLower(getenv("LOG_FORMAT"))
	switch format {
	case "":
		format = "text"
		if env == Production {
			format = "json"
		}
	case "json", "text":
	default:
		return 0, "", fmt.Errorf("LOG_FORMAT=%q: expected json or text", getenv("LOG_FORMAT"))
	}
	return level, format, nil
}

// Logger builds the process logger described by the configuration.
func (c Config) Logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

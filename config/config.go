// Package config reads Spark's configuration from the environment (plus
// .env files) once at start-up, applies defaults, and refuses unsafe
// production set-ups with a message naming the variable to set.
package config

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"

	"spark.dev/spark/airtable"
	"spark.dev/spark/embeddings"
	"spark.dev/spark/readwise"
)

// defaultAuthAudience is the aud claim of Supabase user access tokens.
const defaultAuthAudience = "authenticated"

// Environment is where the app runs: it picks the Inngest app id, whether
// cron functions are registered and whether dev mode may be used.
type Environment string

const (
	Production  Environment = "production"
	Preview     Environment = "preview"
	Development Environment = "development"
)

// Config is everything the app reads from its environment.
type Config struct {
	Port        string
	AppURL      string // public base URL, used for job callbacks
	Environment Environment
	Branch      string // VERCEL_GIT_COMMIT_REF, for preview app ids
	AppID       string

	DatabaseURL string // postgres://… or sqlite:PATH
	DataDir     string // where the SQLite file and generated dev secrets live

	Inngest Inngest

	SupabaseURL  string
	JWTSecret    string
	AuthAudience string
	// DevTokens is set when JWTSecret was generated into the data folder
	// (development without Supabase), so `spark-api token` may sign with it.
	DevTokens bool

	EncryptionKey  []byte
	CallbackSecret []byte

	AdminUserIDs       []string
	CORSAllowedOrigins []string

	ReadwiseAPIURL string
	AirtableAPIURL string

	// OpenAIAPIKey is the server's key of the embeddings API ("" turns
	// embeddings and semantic search off); never logged or answered.
	OpenAIAPIKey  string
	OpenAIBaseURL string

	LogLevel  slog.Level
	LogFormat string // "json" or "text"

	// PagesPerRun is how many pages one run of a sync or import handles
	// before it continues in a new run, inside Inngest's step limit.
	PagesPerRun int
}

// Inngest holds the SDK settings. They are passed to the SDK explicitly so
// that the process environment is never consulted behind the config's back.
type Inngest struct {
	Dev                bool
	DevServerURL       string // set in dev mode
	EventKey           string
	SigningKey         string
	SigningKeyFallback string

	BaseURL         string // INNGEST_BASE_URL as given: a self-hosted engine
	APIBaseURL      string // where the SDK registers and checkpoints
	EventAPIBaseURL string // where the SDK sends events
	// SelfHosted is set when a signed app talks to an engine other than
	// Inngest Cloud: nothing syncs it there, so it registers itself.
	SelfHosted bool
}

// Load reads the configuration through getenv (os.Getenv, possibly wrapped
// by WithDotenv). In local development it generates missing keys into the
// data folder.
func Load(getenv func(string) string) (Config, error) {
	env, err := environment(getenv)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{
		Port:               valueOr(getenv("PORT"), "3000"),
		Environment:        env,
		Branch:             getenv("VERCEL_GIT_COMMIT_REF"),
		DatabaseURL:        valueOr(getenv("DATABASE_URL"), "sqlite:./data/spark.db"),
		SupabaseURL:        strings.TrimRight(getenv("SUPABASE_URL"), "/"),
		JWTSecret:          getenv("SUPABASE_JWT_SECRET"),
		AuthAudience:       valueOr(getenv("AUTH_AUDIENCE"), defaultAuthAudience),
		AdminUserIDs:       list(getenv("ADMIN_USER_IDS")),
		CORSAllowedOrigins: list(getenv("CORS_ALLOWED_ORIGINS")),
		ReadwiseAPIURL:     strings.TrimRight(valueOr(getenv("READWISE_API_URL"), readwise.DefaultBaseURL), "/"),
		AirtableAPIURL:     strings.TrimRight(valueOr(getenv("AIRTABLE_API_URL"), airtable.DefaultBaseURL), "/"),
		OpenAIAPIKey:       strings.TrimSpace(getenv("OPENAI_API_KEY")),
		OpenAIBaseURL:      strings.TrimRight(valueOr(getenv("OPENAI_BASE_URL"), embeddings.DefaultBaseURL), "/"),
	}
	cfg.AppID = AppID(env, cfg.Branch)
	cfg.AppURL = appURL(getenv, cfg.Port)
	cfg.DataDir = cfg.dataDir()
	if cfg.LogLevel, cfg.LogFormat, err = logging(getenv, env); err != nil {
		return Config{}, err
	}
	if cfg.PagesPerRun, err = pagesPerRun(getenv("PAGES_PER_RUN")); err != nil {
		return Config{}, err
	}
	if cfg.Inngest, err = inngest(getenv, env); err != nil {
		return Config{}, err
	}
	if err := requireSecrets(getenv, env); err != nil {
		return Config{}, err
	}
	if cfg.EncryptionKey, err = secretKey(getenv, "ENCRYPTION_KEY", cfg.DataDir, "encryption.key"); err != nil {
		return Config{}, err
	}
	if cfg.CallbackSecret, err = secretKey(getenv, "CALLBACK_SECRET", cfg.DataDir, "callback-secret.key"); err != nil {
		return Config{}, err
	}
	if cfg.SupabaseURL == "" && cfg.JWTSecret == "" {
		if cfg.JWTSecret, err = devJWTSecret(getenv, env, cfg.DataDir); err != nil {
			return Config{}, err
		}
		cfg.DevTokens = cfg.JWTSecret != ""
	}
	return cfg, nil
}

// StoreEngine is "postgres" or "sqlite", from DATABASE_URL.
func (c Config) StoreEngine() string {
	if isPostgres(c.DatabaseURL) {
		return "postgres"
	}
	return "sqlite"
}

// SQLitePath is the database file for the SQLite engine.
func (c Config) SQLitePath() string {
	return strings.TrimPrefix(c.DatabaseURL, "sqlite:")
}

// IsAdmin reports whether userID may run the schedule for every user.
func (c Config) IsAdmin(userID string) bool {
	for _, id := range c.AdminUserIDs {
		if id == userID {
			return true
		}
	}
	return false
}

func environment(getenv func(string) string) (Environment, error) {
	name, raw := "VERCEL_ENV", getenv("VERCEL_ENV")
	if raw == "" {
		name, raw = "APP_ENV", getenv("APP_ENV")
	}
	switch env := Environment(strings.ToLower(strings.TrimSpace(raw))); env {
	case "":
		return Development, nil
	case Production, Preview, Development:
		return env, nil
	default:
		// A typo such as "prod" must not silently start a production host in dev mode.
		return "", fmt.Errorf("%s=%q: expected production, preview or development", name, raw)
	}
}

func appURL(getenv func(string) string, port string) string {
	for _, name := range []string{"APP_URL", "NEXT_PUBLIC_APP_URL"} {
		if v := getenv(name); v != "" {
			return strings.TrimRight(v, "/")
		}
	}
	if host := getenv("VERCEL_URL"); host != "" {
		return "https://" + host
	}
	return "http://localhost:" + port
}

// dataDir is the SQLite file's folder, or ./data with PostgreSQL.
func (c Config) dataDir() string {
	if c.StoreEngine() == "postgres" {
		return "data"
	}
	return filepath.Dir(c.SQLitePath())
}

func isPostgres(databaseURL string) bool {
	return strings.HasPrefix(databaseURL, "postgres://") || strings.HasPrefix(databaseURL, "postgresql://")
}

// pagesPerRun reads PAGES_PER_RUN: 400 by default; at most 900, since a run
// also needs a few steps besides its pages and Inngest allows about 1000.
func pagesPerRun(raw string) (int, error) {
	if raw == "" {
		return 400, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 900 {
		return 0, fmt.Errorf("PAGES_PER_RUN=%q: expected a whole number from 1 to 900", raw)
	}
	return n, nil
}

func valueOr(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

func list(csv string) []string {
	var out []string
	for _, item := range strings.Split(csv, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

const (
	defaultDevServerURL = "http://127.0.0.1:8288"
	// Inngest Cloud's APIs, the SDK's own defaults, written out so that the
	// SDK never falls back to reading the environment itself.
	cloudAPIBaseURL      = "https://api.inngest.com"
	cloudEventAPIBaseURL = "https://inn.gs"
)

// signingKeyPattern is Inngest Cloud's "signkey-<env>-<hex>" or a
// self-hosted engine's plain hex (`inngest start --signing-key`).
var signingKeyPattern = regexp.MustCompile(`^(signkey-[a-z]+-)?([0-9a-fA-F]{2})+$`)

// inngest resolves the SDK settings. Dev mode is on in development when
// INNGEST_DEV asks for it or no signing key is configured; INNGEST_DEV may be
// the dev server's URL. Production and previews are public deployments: in
// dev mode the SDK accepts unsigned calls, so anyone could run a user's jobs.
func inngest(getenv func(string) string, env Environment) (Inngest, error) {
	cfg := Inngest{
		EventKey:           getenv("INNGEST_EVENT_KEY"),
		SigningKey:         getenv("INNGEST_SIGNING_KEY"),
		SigningKeyFallback: getenv("INNGEST_SIGNING_KEY_FALLBACK"),
	}
	for name, key := range map[string]string{"INNGEST_SIGNING_KEY": cfg.SigningKey, "INNGEST_SIGNING_KEY_FALLBACK": cfg.SigningKeyFallback} {
		if key != "" && !signingKeyPattern.MatchString(key) {
			// Never echo the key: it is a secret even when malformed.
			return Inngest{}, fmt.Errorf("%s: expected signkey-<env>-<hex> (Inngest Cloud) or plain even-length hex (a self-hosted engine's --signing-key)", name)
		}
	}
	dev, err := devMode(getenv("INNGEST_DEV"), env, cfg.SigningKey != "")
	if err != nil {
		return Inngest{}, err
	}
	if env == Preview && cfg.SigningKey == "" {
		return Inngest{}, fmt.Errorf("a preview needs INNGEST_SIGNING_KEY (the Inngest Vercel integration sets it): without it /api/inngest would accept unsigned calls")
	}
	if dev.on {
		cfg.Dev = true
		cfg.DevServerURL = dev.url
		cfg.APIBaseURL, cfg.EventAPIBaseURL = dev.url, dev.url
		return cfg, nil
	}
	return cloudURLs(getenv, cfg)
}

type devSetting struct {
	on  bool
	url string
}

// devMode reads INNGEST_DEV. The SDK itself treats any non-empty value, "0"
// included, as dev mode, so outside development every value is refused, and
// in development only values with one meaning are accepted.
func devMode(raw string, env Environment, hasSigningKey bool) (devSetting, error) {
	if env != Development {
		if raw != "" {
			return devSetting{}, fmt.Errorf("INNGEST_DEV must not be set in %s, not even to %q: the Inngest SDK treats any value as dev mode, which disables request signatures; unset it", env, raw)
		}
		return devSetting{}, nil
	}
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "":
		return devSetting{on: !hasSigningKey, url: defaultDevServerURL}, nil
	case "1", "true":
		return devSetting{on: true, url: defaultDevServerURL}, nil
	case "0", "false":
		if !hasSigningKey {
			return devSetting{}, fmt.Errorf("INNGEST_DEV=%s turns dev mode off, which needs INNGEST_SIGNING_KEY to verify Inngest's requests", raw)
		}
		return devSetting{}, nil
	}
	if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return devSetting{on: true, url: strings.TrimRight(raw, "/")}, nil
	}
	return devSetting{}, fmt.Errorf("INNGEST_DEV=%q: expected 1, true, 0, false or the dev server's http(s) URL", raw)
}

// cloudURLs resolves where a signed app sends events and registers: Inngest
// Cloud, or a self-hosted engine named by INNGEST_BASE_URL (the API and event
// URLs may each be set apart, as the SDK allows).
func cloudURLs(getenv func(string) string, cfg Inngest) (Inngest, error) {
	base := getenv("INNGEST_BASE_URL")
	urls := []struct {
		name, value, fallback string
		into                  *string
	}{
		{"INNGEST_BASE_URL", base, "", &cfg.BaseURL},
		{"INNGEST_API_BASE_URL", getenv("INNGEST_API_BASE_URL"), valueOr(base, cloudAPIBaseURL), &cfg.APIBaseURL},
		{"INNGEST_EVENT_API_BASE_URL", getenv("INNGEST_EVENT_API_BASE_URL"), valueOr(base, cloudEventAPIBaseURL), &cfg.EventAPIBaseURL},
	}
	for _, u := range urls {
		if u.value != "" {
			if err := httpURL(u.name, u.value); err != nil {
				return Inngest{}, err
			}
		}
		*u.into = strings.TrimRight(valueOr(u.value, u.fallback), "/")
	}
	cfg.SelfHosted = cfg.APIBaseURL != cloudAPIBaseURL
	return cfg, nil
}

func httpURL(name, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s=%q: expected an absolute http(s) URL", name, raw)
	}
	return nil
}

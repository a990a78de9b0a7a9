package config

import (
	"fmt"
	"net/url"
)

const defaultDevServerURL = "http://127.0.0.1:8288"

// inngest resolves the SDK settings. Dev mode is on in development when
// INNGEST_DEV is set or no signing key is configured; INNGEST_DEV may be the
// dev server's URL. Production and previews are public deployments: in dev
// mode the SDK accepts unsigned calls, so anyone could run a user's jobs.
func inngest(getenv func(string) string, env Environment) (Inngest, error) {
	cfg := Inngest{
		EventKey:           getenv("INNGEST_EVENT_KEY"),
		SigningKey:         getenv("INNGEST_SIGNING_KEY"),
		SigningKeyFallback: getenv("INNGEST_SIGNING_KEY_FALLBACK"),
	}
	dev := getenv("INNGEST_DEV")
	if env != Development {
		if dev != "" {
			// Any non-empty INNGEST_DEV turns off request signature checks in the SDK.
			return Inngest{}, fmt.Errorf("INNGEST_DEV must not be set in %s: it disables Inngest request signatures", env)
		}
		if env == Preview && cfg.SigningKey == "" {
			return Inngest{}, fmt.Errorf("a preview needs INNGEST_SIGNING_KEY (the Inngest Vercel integration sets it): without it /api/inngest would accept unsigned calls")
		}
		return cfg, nil
	}
	if dev == "" && cfg.SigningKey != "" {
		return cfg, nil
	}
	cfg.Dev = true
	cfg.DevServerURL = defaultDevServerURL
	if u, err := url.Parse(dev); err == nil && u.Scheme != "" && u.Host != "" {
		cfg.DevServerURL = dev
	}
	return cfg, nil
}

package config

import (
	"regexp"
	"strings"
)

const maxAppIDLength = 64

var outsideSlug = regexp.MustCompile(`[^a-z0-9]+`)

// AppID is the Inngest app id for an environment: one app per environment,
// and one per preview branch so previews never share runs.
func AppID(env Environment, branch string) string {
	switch env {
	case Production:
		return "spark-production"
	case Preview:
		const prefix = "spark-preview-"
		slug := strings.Trim(outsideSlug.ReplaceAllString(strings.ToLower(branch), "-"), "-")
		if len(slug) > maxAppIDLength-len(prefix) {
			slug = strings.TrimRight(slug[:maxAppIDLength-len(prefix)], "-")
		}
		if slug == "" {
			slug = "unknown"
		}
		return prefix + slug
	default:
		return "spark-dev"
	}
}

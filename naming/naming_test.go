package naming

import "testing"

func TestTag(t *testing.T) {
	cases := map[string]string{
		"Philosophy":      "philosophy",
		"  Deep Work  ":   "deep-work",
		"Deep   Work":     "deep-work",
		"deep\twork":      "deep-work",
		"already-slugged": "already-slugged",
		"Ünïcode Tag":     "ünïcode-tag",
		"🔥":               "🔥",
		"   ":             "",
	}
	for in, want := range cases {
		if got := Tag(in); got != want {
			t.Errorf("Tag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Christian Living":         "christian-living",
		"  Faith & Works  ":        "faith-and-works",
		"Q&A -- Notes":             "q-and-a-notes",
		"snake_case stays":         "snake_case-stays",
		"--Leading and Trailing--": "leading-and-trailing",
		"Ünïcode":                  "ncode",
		"!!!":                      "",
		"":                         "",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

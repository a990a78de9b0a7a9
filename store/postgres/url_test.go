package postgres

import (
	"strings"
	"testing"
)

func TestWithCustomPlans(t *testing.T) {
	cases := []struct{ url, want string }{
		{"postgres://u@h:5432/db", "plan_cache_mode=force_custom_plan"},
		{"postgres://u@h/db?sslmode=require", "plan_cache_mode=force_custom_plan"},
		{"postgres://u@h/db?plan_cache_mode=auto", "plan_cache_mode=auto"},
	}
	for _, c := range cases {
		got, err := withCustomPlans(c.url)
		if err != nil || !strings.Contains(got, c.want) || strings.Count(got, "plan_cache_mode") != 1 {
			t.Errorf("withCustomPlans(%q) = %q, %v; want it to carry %s", c.url, got, err, c.want)
		}
		if strings.Contains(c.url, "sslmode=require") && !strings.Contains(got, "sslmode=require") {
			t.Errorf("withCustomPlans(%q) lost sslmode: %q", c.url, got)
		}
	}
	if _, err := withCustomPlans("postgres://u@h:bad port/db"); err == nil {
		t.Error("an invalid URL was accepted")
	}
}

package postgres

import (
	"strings"
	"testing"
)

// Each pool carries the plan_cache_mode its statements need, unless the
// url sets one, and keeps the rest of the url.
func TestPoolsPlanCacheModes(t *testing.T) {
	cases := []struct{ url, write, log string }{
		{"postgres://u@h:5432/db", "plan_cache_mode=force_custom_plan", "plan_cache_mode=force_generic_plan"},
		{"postgres://u@h/db?sslmode=require", "plan_cache_mode=force_custom_plan", "plan_cache_mode=force_generic_plan"},
		{"postgres://u@h/db?plan_cache_mode=auto", "plan_cache_mode=auto", "plan_cache_mode=auto"},
	}
	for _, c := range cases {
		got, err := dsns(c.url)
		if err != nil {
			t.Errorf("dsns(%q): %v", c.url, err)
			continue
		}
		for _, pool := range []struct{ name, dsn, want string }{{"write", got.Write, c.write}, {"read", got.Read, c.write}, {"log", got.Log, c.log}} {
			if !strings.Contains(pool.dsn, pool.want) || strings.Count(pool.dsn, "plan_cache_mode") != 1 {
				t.Errorf("dsns(%q).%s = %q; want it to carry %s", c.url, pool.name, pool.dsn, pool.want)
			}
			if strings.Contains(c.url, "sslmode=require") && !strings.Contains(pool.dsn, "sslmode=require") {
				t.Errorf("dsns(%q).%s lost sslmode: %q", c.url, pool.name, pool.dsn)
			}
		}
	}
	if _, err := dsns("postgres://u@h:bad port/db"); err == nil {
		t.Error("an invalid URL was accepted")
	}
}

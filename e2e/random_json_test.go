package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// jsonGen writes random request bodies from a seeded source: the shapes the
// API's routes take, with wrong types, extreme numbers, odd strings, deep
// nesting and broken syntax mixed in. It writes bytes, not Go values, so it
// can say what encoding/json never would (1e400, lone surrogates, invalid
// UTF-8, duplicate keys, truncation).
type jsonGen struct {
	r *rand.Rand
}

// edgeNumbers are valid JSON numbers that overflow, underflow or lose
// precision in float64 and int64.
var edgeNumbers = []string{
	"0", "-0", "1", "-1", "17", "3.5", "1E+2", "0.000001", "1e400", "-1e400", "1e-400",
	"123456789012345678901234567890", "9007199254740993", "-9223372036854775809",
	"18446744073709551616", "1" + strings.Repeat("0", 400),
}

// invalidTokens are not JSON at all, where a value should be.
var invalidTokens = []string{"01", "+1", "NaN", "Infinity", ".5", "1.", "0x10", "1e", "--1", "True", "nul", "undefined", "'single'"}

// oddStrings are string values the routes treat specially, or that tend to
// break code that assumes ASCII or short input.
var oddStrings = []string{
	"", " ", "\t\n", "••••abcd", "••••", "rw-key-12345678", "pat-key-1234.abcd",
	"app0123456789abcd", "appABCDEFGHIJKLMN", "app123", "tbl0123456789ABCD", "tblshort",
	"My table", ".", "..", "../../etc/passwd", "a/b?c#d", "light", "dark", "system", "neon",
	"off", "hourly", "daily", "weekly", "monthly", "never", "started", "completed", "failed",
	"readwise", "airtable", "2026-11-27T03:00:00Z", "2026-13-45T99:00:00Z", "yesterday",
	"🔥🔥🔥", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u202eevil\u202c", "Zalgo\u0310\u0311\u0312", "ユーザー", "ß", "\u00a0",
	"x' OR '1'='1", "%00", "${jndi:ldap://x}", "<script>alert(1)</script>",
}

// rawStrings are JSON string literals, written as they go on the wire:
// escapes of NUL and lone surrogates, invalid escapes, invalid UTF-8.
var rawStrings = []string{
	`"\u0000"`, `"\ud800"`, `"\udfff\ud800"`, `"a\u0000b"`, `"\x41"`, `"\q"`, `"tab	inside"`,
	"\"\xff\xfe\"", "\"\xc3\x28\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
}

// fieldNames are the keys the routes read, at any level, plus a few others.
var fieldNames = []string{
	"userId", "apiKey", "fullSync", "baseId", "tableId", "bookCount", "syncTime",
	"theme", "integrations", "readwise", "airtable", "notion", "scheduledTasks", "enabled",
	"frequency", "lastRun", "isConnected", "hasApiKey", "lastSyncTime", "lastFullSyncTime",
	"lastImport", "lastError", "leftSidebar", "rightSidebar", "width", "search", "maxResults",
	"defaultMode", "token", "secret", "password", "accessKey", "__proto__", "", "🔑",
}

func (g jsonGen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g jsonGen, from []T) T { return from[g.r.IntN(len(from))] }

// quote is s as a JSON string literal.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// str is a random string literal.
func (g jsonGen) str() string {
	switch n := g.r.IntN(10); {
	case n < 6:
		return quote(pick(g, oddStrings))
	case n < 8:
		return pick(g, rawStrings)
	case n < 9:
		return quote(strings.Repeat(pick(g, []string{"a", "é", "🔥"}), 1+g.r.IntN(20000)))
	default:
		return quote(fmt.Sprintf("random-%x", g.r.Uint64()))
	}
}

func (g jsonGen) number() string {
	if g.chance(0.7) {
		return pick(g, edgeNumbers)
	}
	return fmt.Sprint(g.r.IntN(2000) - 1000)
}

// count is mostly a whole number of things.
func (g jsonGen) count() string {
	if g.chance(0.8) {
		return fmt.Sprint(g.r.IntN(5000))
	}
	return g.number()
}

// value is any JSON value, nested at most depth more levels; now and then
// not JSON at all.
func (g jsonGen) value(depth int) string {
	kinds := 6
	if depth <= 0 {
		kinds = 4
	}
	switch g.r.IntN(kinds) {
	case 0:
		return pick(g, []string{"null", "true", "false"})
	case 1:
		return g.number()
	case 2:
		if g.chance(0.1) {
			return pick(g, invalidTokens)
		}
		return g.str()
	case 3:
		return g.str()
	case 4:
		return g.array(depth - 1)
	default:
		return g.object(depth-1, nil)
	}
}

func (g jsonGen) array(depth int) string {
	items := make([]string, g.r.IntN(5))
	for i := range items {
		items[i] = g.value(depth)
	}
	return "[" + strings.Join(items, ",") + "]"
}

// member is one key and value of an object, the value already JSON.
type member struct{ key, value string }

// field is a key and a generator of its well-typed values.
type field struct {
	key   string
	value func() string
}

// object writes the given members, then a few random ones, in a shuffled
// order; a random key is now and then repeated.
func (g jsonGen) object(depth int, members []member) string {
	var parts []string
	for _, m := range members {
		parts = append(parts, quote(m.key)+":"+m.value)
	}
	for range g.r.IntN(4) {
		key := quote(pick(g, fieldNames))
		if g.chance(0.2) {
			key = g.str()
		}
		parts = append(parts, key+":"+g.value(depth))
		if g.chance(0.05) {
			parts = append(parts, key+":"+g.value(depth))
		}
	}
	g.r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	return "{" + strings.Join(parts, ",") + "}"
}

// typed is good(), or now and then a value of any type.
func (g jsonGen) typed(good func() string) string {
	if g.chance(0.85) {
		return good()
	}
	return g.value(2)
}

// some keeps each field with probability p, so bodies name a few of them.
func (g jsonGen) some(p float64, fields ...field) []member {
	var kept []member
	for _, f := range fields {
		if g.chance(p) {
			kept = append(kept, member{f.key, g.typed(f.value)})
		}
	}
	return kept
}

func (g jsonGen) boolean() string { return pick(g, []string{"true", "false"}) }

// userID is usually the caller's own id, as the frontend sends it.
func (g jsonGen) userID(self string) func() string {
	return func() string {
		return quote(pick(g, []string{self, self, self, "", "someone-else"}))
	}
}

func (g jsonGen) oneOf(values ...string) func() string {
	return func() string {
		if g.chance(0.8) {
			return quote(pick(g, values))
		}
		return g.str()
	}
}

// triggerBody is what the trigger routes read, more or less.
func (g jsonGen) triggerBody(self string) string {
	return g.object(2, g.some(0.7,
		field{"userId", g.userID(self)},
		field{"apiKey", g.oneOf("rw-key-random-0001", "pat-random.0001", "   ", "••••abcd")},
		field{"fullSync", g.boolean},
		field{"baseId", g.oneOf("app0123456789abcd", "app123")},
		field{"tableId", g.oneOf("tbl0123456789ABCD", "Sparks", "..")},
	))
}

// automationBody is what the automation routes read: ids of no automation
// (well formed, upper-case, malformed) or of another type.
func (g jsonGen) automationBody() string {
	return g.object(1, g.some(0.8,
		field{"automationId", g.oneOf("00000000-0000-4000-8000-00000000a001",
			"00000000-0000-4000-8000-00000000A001", "not-a-uuid", "")},
	))
}

// searchBody is what the search route reads: queries with LIKE's wildcards
// and FTS5's syntax in them, each mode, limits in and out of range. The
// random test has no embeddings API: semantic and hybrid answer 503.
func (g jsonGen) searchBody() string {
	if g.chance(0.5) { // a search that works, so the route answers 2xx too
		return `{"query":` + quote(pick(g, []string{"the", "50%", "a_b"})) + `,"mode":"keyword"}`
	}
	return g.object(1, g.some(0.9,
		field{"query", g.oneOf("the", "50%", "a_b", `"quoted" OR NEAR(x y)`, "\\\\", "", "ü")},
		field{"mode", g.oneOf("keyword", "semantic", "hybrid", "fuzzy")},
		field{"limit", func() string { return pick(g, []string{"1", "10", "50", "0", "51", "2.5", `"10"`}) }},
	))
}

// settingsBody is a settings document with the keys the server validates.
func (g jsonGen) settingsBody() string {
	readwise := func() string {
		return g.object(1, g.some(0.6,
			field{"apiKey", g.oneOf("rw-key-random-0002", "", "••••abcd")},
			field{"isConnected", g.boolean},
		))
	}
	airtable := func() string {
		return g.object(1, g.some(0.6,
			field{"apiKey", g.oneOf("pat-random.0002", "", "••••wxyz")},
			field{"baseId", g.oneOf("app0123456789abcd", "", "appX")},
			field{"tableId", g.oneOf("tbl0123456789ABCD", "Sparks", "", ".")},
		))
	}
	other := func() string {
		return g.object(1, g.some(0.6, field{"token", g.str}, field{"workspace", g.str}))
	}
	integrations := func() string {
		return g.object(2, g.some(0.6, field{"readwise", readwise}, field{"airtable", airtable}, field{"notion", other}))
	}
	task := func() string {
		return g.object(1, g.some(0.7,
			field{"enabled", g.boolean},
			field{"frequency", g.oneOf("off", "hourly", "daily", "weekly", "monthly", "sometimes")},
			field{"lastRun", g.str},
		))
	}
	tasks := func() string {
		return g.object(1, []member{{fmt.Sprint("task-", g.r.IntN(3)), g.typed(task)}})
	}
	width := func() string { return g.object(1, []member{{"width", g.number()}}) }
	return g.object(2, g.some(0.5,
		field{"theme", g.oneOf("light", "dark", "system", "blue")},
		field{"integrations", integrations},
		field{"scheduledTasks", tasks},
		field{"leftSidebar", width},
	))
}

// callbackBody is the report POST /api/readwise takes.
func (g jsonGen) callbackBody(self string) string {
	return g.object(1, g.some(0.9,
		field{"userId", g.userID(self)},
		field{"bookCount", g.count},
		field{"syncTime", g.oneOf("2026-11-27T03:00:00Z", "2026-11-27T03:00:00.5+01:00", "2026-11-27T03:00:00-05:00", "2026-11-27")},
	))
}

// deep is a value nested depth levels, as arrays or as objects.
func (g jsonGen) deep(depth int) string {
	if g.chance(0.5) {
		return strings.Repeat("[", depth) + strings.Repeat("]", depth)
	}
	key := quote(pick(g, fieldNames))
	return strings.Repeat("{"+key+":", depth) + "1" + strings.Repeat("}", depth)
}

// mangle breaks a body now and then: cut short, trailing data, a stray
// invalid byte, a byte order mark, another top-level value, deep nesting,
// or more than the 1 MiB limit.
func (g jsonGen) mangle(body string) []byte {
	switch n := g.r.IntN(100); {
	case n < 8 && len(body) > 0:
		return []byte(body[:g.r.IntN(len(body))])
	case n < 11:
		return []byte(body + pick(g, []string{" {}", "x", "]", "\x00", " null"}))
	case n < 14 && len(body) > 0:
		i := g.r.IntN(len(body))
		return []byte(body[:i] + "\xff" + body[i:])
	case n < 16:
		return []byte("\xef\xbb\xbf" + body)
	case n < 22:
		return []byte(g.value(3))
	case n < 25:
		return []byte(pick(g, []string{"", "null", " ", "{", "}", "{}", "[]", `""`, "0"}))
	case n < 30:
		depth := pick(g, []int{64, 1000, 10001, 100000})
		key := quote(pick(g, []string{"theme", "integrations", "scheduledTasks", "apiKey", "userId", "custom"}))
		return []byte("{" + key + ":" + g.deep(depth) + "}")
	case n < 32:
		return oversized(g.r.IntN(3))
	}
	return []byte(body)
}

// oversized is a body just past the 1 MiB limit, in one of three shapes.
func oversized(shape int) []byte {
	const size = 1<<20 + 10
	switch shape {
	case 0:
		return []byte(`{"theme":"dark","pad":"` + strings.Repeat("x", size) + `"}`)
	case 1:
		return bytes.Repeat([]byte(" "), size)
	default:
		return []byte(strings.Repeat("[", size))
	}
}

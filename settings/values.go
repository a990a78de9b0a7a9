package settings

import (
	"encoding/json"
	"strconv"
	"strings"
)

const (
	numberRule = "must be a number from -1.7976931348623157e308 to 1.7976931348623157e308"
	nulRule    = "must not contain the character U+0000"
)

// cleanValues checks every value a client wrote, at any depth, and leaves
// each as it is saved. A number becomes the double JavaScript reads it as,
// which either engine stores and reads back the same (PostgreSQL's numeric
// would take 1e400 but refuse 1e-20000); one beyond a double's range is a
// problem. No key or string may hold U+0000, which JSONB refuses.
func cleanValues(v any, path string, problems map[string]string) any {
	switch v := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			problems[path] = numberRule
			return v
		}
		return f
	case string:
		if strings.ContainsRune(v, 0) {
			problems[path] = nulRule
		}
	case document:
		for key, child := range v {
			childPath := pathTo(path, key)
			if strings.ContainsRune(key, 0) {
				problems[childPath] = nulRule
			}
			v[key] = cleanValues(child, childPath, problems)
		}
	case []any:
		for i, item := range v {
			v[i] = cleanValues(item, pathTo(path, strconv.Itoa(i)), problems)
		}
	}
	return v
}

// pathTo names key inside parent for an error message, U+0000 spelled out.
func pathTo(parent, key string) string {
	key = strings.ReplaceAll(key, "\x00", `\u0000`)
	if parent == "" {
		return key
	}
	return parent + "." + key
}

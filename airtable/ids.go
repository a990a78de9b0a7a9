package airtable

import (
	"strings"
	"unicode"
)

// BaseIDRule and TableRule put what ValidBaseID and ValidTable accept into
// words, for messages about an id that fails them: "<name> " + rule.
const (
	BaseIDRule = "must be app followed by 14 letters or digits"
	TableRule  = "must be a table id (tbl followed by 14 letters or digits) or a table name"
)

// ValidBaseID reports whether s has the shape of an Airtable base id:
// "app" and 14 letters or digits.
func ValidBaseID(s string) bool { return validID(s, "app") }

// ValidTableID reports whether s has the shape of an Airtable table id:
// "tbl" and 14 letters or digits.
func ValidTableID(s string) bool { return validID(s, "tbl") }

func validID(s, prefix string) bool {
	const idLen = 17
	if len(s) != idLen || s[:len(prefix)] != prefix {
		return false
	}
	for _, c := range []byte(s[len(prefix):]) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// ValidTable reports whether s can name a table: a table id, or a table
// name, which Airtable accepts too (escaped as one path segment).
func ValidTable(s string) bool {
	if ValidTableID(s) {
		return true
	}
	return s != "" && s != "." && s != ".." && len(s) <= 255 && !strings.ContainsFunc(s, unicode.IsControl)
}

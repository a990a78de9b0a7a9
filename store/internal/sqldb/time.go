package sqldb

import (
	"fmt"
	"time"
)

// TimeLayout is how times are stored as text: fixed width, UTC and
// microseconds, so that text order is time order.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// timeArg binds t as the dialect stores times: UTC, whole microseconds (the
// precision of PostgreSQL), and NULL for the zero time, which means "never".
func (db *DB) timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Microsecond)
	if db.dialect.TimesAsText {
		return t.Format(TimeLayout)
	}
	return t
}

// timeDest scans a nullable time column, stored either way, into a UTC
// time.Time; NULL becomes the zero time.
type timeDest struct{ t *time.Time }

func (d timeDest) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d.t = time.Time{}
	case time.Time:
		*d.t = v.UTC()
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	default:
		return fmt.Errorf("scan time: unexpected %T", src)
	}
	return nil
}

func (d timeDest) parse(s string) error {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*d.t = t
	return nil
}

package scheduledtasks

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestDue(t *testing.T) {
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) string { return now.Add(-d).Format(time.RFC3339Nano) }
	const minute, hour, day = time.Minute, time.Hour, 24 * time.Hour
	tests := []struct {
		name string
		s    Schedule
		want bool
	}{
		{"hourly never run", Schedule{true, Hourly, nil}, true},
		{"hourly with empty lastRun", Schedule{true, Hourly, ""}, true},
		{"hourly 40 min ago: threshold reached", Schedule{true, Hourly, ago(40 * minute)}, true},
		{"hourly 39 min 59 s ago", Schedule{true, Hourly, ago(40*minute - time.Second)}, false},
		{"hourly 1 h ago", Schedule{true, Hourly, ago(hour)}, true},
		{"hourly 5 min ago", Schedule{true, Hourly, ago(5 * minute)}, false},
		{"daily 23 h 40 min ago", Schedule{true, Daily, ago(day - 20*minute)}, true},
		{"daily 23 h 39 min ago", Schedule{true, Daily, ago(day - 21*minute)}, false},
		{"daily 1 h ago", Schedule{true, Daily, ago(hour)}, false},
		{"daily 3 days ago", Schedule{true, Daily, ago(3 * day)}, true},
		{"weekly 6 days 23 h 40 min ago", Schedule{true, Weekly, ago(7*day - 20*minute)}, true},
		{"weekly 6 days ago", Schedule{true, Weekly, ago(6 * day)}, false},
		{"monthly 29 days 23 h 40 min ago", Schedule{true, Monthly, ago(30*day - 20*minute)}, true},
		{"monthly 29 days ago", Schedule{true, Monthly, ago(29 * day)}, false},
		{"monthly never run", Schedule{true, Monthly, nil}, true},
		{"off never run", Schedule{true, Off, nil}, false},
		{"off long ago", Schedule{true, Off, ago(365 * day)}, false},
		{"disabled hourly never run", Schedule{false, Hourly, nil}, false},
		{"disabled daily long ago", Schedule{false, Daily, ago(10 * day)}, false},
		{"unknown frequency", Schedule{true, "yearly", nil}, false},
		{"no frequency", Schedule{true, "", nil}, false},
		{"frequency in another case", Schedule{true, "Daily", nil}, false},
		{"unparsable lastRun counts as never run", Schedule{true, Daily, "yesterday"}, true},
		{"lastRun a number counts as never run", Schedule{true, Daily, 1718000000.0}, true},
		{"lastRun with an offset", Schedule{true, Daily, now.Add(-2 * day).In(time.FixedZone("x", 5*3600)).Format(time.RFC3339)}, true},
		{"lastRun as the frontend writes it", Schedule{true, Hourly, "2025-06-15T11:20:00.000Z"}, true},
		{"lastRun in the future", Schedule{true, Hourly, now.Add(time.Hour).Format(time.RFC3339)}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Due(now); got != tc.want {
				t.Errorf("%+v.Due(%s) = %v, want %v", tc.s, now, got, tc.want)
			}
		})
	}
}

func TestParseReadsWhatTheFrontendMayHaveWritten(t *testing.T) {
	raw := json.RawMessage(`{
		"readwise-books-import": {"enabled": true, "frequency": "daily", "lastRun": "2025-06-14T12:00:00.000Z"},
		"generate-embeddings": {"enabled": "yes", "frequency": 7},
		"airtable-import-sparks": "daily",
		"readwise-highlights-sync": null}`)
	want := map[string]Schedule{
		ReadwiseBooks:      {Enabled: true, Frequency: Daily, LastRun: "2025-06-14T12:00:00.000Z"},
		Embeddings:         {},
		AirtableImport:     {},
		ReadwiseHighlights: {},
	}
	if got := Parse(raw); !reflect.DeepEqual(got, want) {
		t.Errorf("Parse = %+v, want %+v", got, want)
	}
	for _, notAnObject := range []string{`[]`, `"x"`, `null`, `{`} {
		if got := Parse(json.RawMessage(notAnObject)); len(got) != 0 {
			t.Errorf("Parse(%s) = %v, want no tasks", notAnObject, got)
		}
	}
}

func TestPeriodAndLastRunFormat(t *testing.T) {
	at := time.Date(2025, 6, 15, 12, 59, 59, 999_000_000, time.FixedZone("x", 2*3600))
	if got := Period(at); got != "2025-06-15T10" {
		t.Errorf("Period = %q", got)
	}
	if Period(at) == Period(at.Add(time.Millisecond)) {
		t.Errorf("the next hour has the same period")
	}
	written := FormatLastRun(at)
	if written != "2025-06-15T10:59:59.999Z" {
		t.Errorf("FormatLastRun = %q", written)
	}
	if s := (Schedule{Enabled: true, Frequency: Hourly, LastRun: written}); s.Due(at) || !s.Due(at.Add(40*time.Minute)) {
		t.Errorf("a written lastRun does not read back as that time")
	}
}

package sqldb

import (
	"slices"
	"testing"
	"time"
)

func TestTimeTextSortsAsTime(t *testing.T) {
	db := &DB{dialect: Dialect{TimesAsText: true}}
	times := []time.Time{
		time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 1, 1, 0, 0, 0, 1000, time.UTC),
		time.Date(2000, 1, 1, 0, 0, 0, 100000000, time.UTC),
		time.Date(2000, 1, 1, 6, 0, 0, 0, time.FixedZone("UTC+7", 7*3600)), // 1999-12-31T23:00Z
		time.Date(2025, 10, 2, 9, 8, 7, 0, time.UTC),
	}
	var texts []string
	for _, tm := range times {
		texts = append(texts, db.timeArg(tm).(string))
	}
	slices.SortFunc(times, time.Time.Compare)
	slices.Sort(texts)
	for i, text := range texts {
		var got time.Time
		if err := (timeDest{&got}).Scan(text); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(times[i]) {
			t.Errorf("text order puts %s at %d, time order puts %v there", text, i, times[i])
		}
	}
}

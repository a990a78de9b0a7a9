package airtable_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/airtable"
	"spark.dev/spark/internal/fakeairtable"
)

func TestListRecordsWalksEveryPage(t *testing.T) {
	want := fakeairtable.GenerateTable(1, 250, fakeairtable.DefaultTableOptions)
	srv, client := newFake(t, want)

	got, pages, err := walk(context.Background(), client, tableID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if pages != 3 || srv.Requests(baseID) != 3 || len(got) != len(want) {
		t.Fatalf("%d pages, %d requests, %d records; want 3, 3, %d", pages, srv.Requests(baseID), len(got), len(want))
	}
	for i, r := range got {
		w := want[i]
		if r.ID != w.ID || !r.CreatedTime.Equal(w.CreatedTime) {
			t.Fatalf("record %d: %s %v, want %s %v", i, r.ID, r.CreatedTime, w.ID, w.CreatedTime)
		}
		if r.Text("uid") != text(w.Fields["uid"]) || r.Text("content") != text(w.Fields["content"]) {
			t.Fatalf("record %d: uid %q content %q, want %v %v", i, r.Text("uid"), r.Text("content"), w.Fields["uid"], w.Fields["content"])
		}
		if tags := r.List("Name (from Tags)"); !slices.Equal(tags, list(w.Fields["Name (from Tags)"])) {
			t.Fatalf("record %d: tags %q, want %q", i, tags, w.Fields["Name (from Tags)"])
		}
	}
}

// text and list are what the fake's cells must read as: Airtable leaves
// out "" and [], which read as "" and nil.
func text(v any) string {
	s, _ := v.(string)
	return s
}

func list(v any) []string {
	l, _ := v.([]string)
	if len(l) == 0 {
		return nil
	}
	return l
}

func TestIteratorExpiredRestartsTheWalk(t *testing.T) {
	srv, client := newFake(t, fakeairtable.GenerateTable(2, 250, fakeairtable.TableOptions{}))
	srv.ExpireOffsets(1)

	if _, _, err := walk(context.Background(), client, tableID, 0); !errors.Is(err, airtable.ErrIteratorExpired) {
		t.Fatalf("%v, want ErrIteratorExpired", err)
	}
	srv.ExpireOffsets(1)
	got, _, err := walk(context.Background(), client, tableID, 1)
	if err != nil || len(got) != 250 {
		t.Fatalf("restarted walk: %d records, %v", len(got), err)
	}
}

// The frontend's help text tells users to type a space in a table name as
// %20: the name Airtable gets is the one with the space, not %2520.
func TestPercentEncodedTableNamesAreDecodedOnce(t *testing.T) {
	srv, client := newFake(t, nil)
	srv.AddTable(token, baseID, "Spark Notes", fakeairtable.GenerateTable(1, 3, fakeairtable.TableOptions{}))
	srv.AddTable(token, baseID, "100% done", fakeairtable.GenerateTable(2, 2, fakeairtable.TableOptions{}))
	for name, want := range map[string]int{"Spark%20Notes": 3, "Spark Notes": 3, "100% done": 2, "100%25%20done": 2} {
		page, err := client.ListRecords(context.Background(), token, baseID, name, "")
		if err != nil || len(page.Records) != want {
			t.Errorf("%q: %d records, %v; want %d", name, len(page.Records), err, want)
		}
	}
}

func TestTableNamesAreEscaped(t *testing.T) {
	srv, client := newFake(t, nil)
	name := "Sparks/2024 ?#%&offset=x"
	srv.AddTable(token, baseID, name, fakeairtable.GenerateTable(1, 3, fakeairtable.TableOptions{}))
	page, err := client.ListRecords(context.Background(), token, baseID, name, "")
	if err != nil || len(page.Records) != 3 {
		t.Fatalf("%d records, %v", len(page.Records), err)
	}
}

func TestBadIDsAreRefusedBeforeSending(t *testing.T) {
	srv, client := newFake(t, nil)
	for _, tc := range []struct{ base, table string }{
		{"", tableID}, {"app123", tableID}, {"../appSparkBase01", tableID}, {"tblSparks00000001", tableID},
		{baseID, ""}, {baseID, "."}, {baseID, ".."},
	} {
		if _, err := client.ListRecords(context.Background(), token, tc.base, tc.table, ""); !errors.Is(err, airtable.ErrInvalidID) {
			t.Errorf("%q/%q: %v, want ErrInvalidID", tc.base, tc.table, err)
		}
	}
	if n := srv.TotalRequests(); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

func TestRecordsDecodeLeniently(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"records":[
			{"id":"rec1","createdTime":"2024-02-03T04:05:06.789Z","fields":{"uid":"a"},"commentCount":2},
			{"id":"rec2","createdTime":null,"fields":null},
			{"id":"rec3","createdTime":"yesterday"},
			{"id":"rec4","createdTime":17}
		],"offset":"itr1/rec5","extra":true}`))
	}))
	defer srv.Close()
	client := airtable.New(airtable.Options{BaseURL: srv.URL, DisablePacing: true})
	page, err := client.ListRecords(context.Background(), token, baseID, tableID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 4 || page.Offset != "itr1/rec5" {
		t.Fatalf("%d records, offset %q", len(page.Records), page.Offset)
	}
	if first := page.Records[0]; !first.CreatedTime.Equal(time.Date(2024, 2, 3, 4, 5, 6, 789e6, time.UTC)) || first.Text("uid") != "a" {
		t.Fatalf("first record: %+v", first)
	}
	for _, r := range page.Records[1:] {
		if !r.CreatedTime.IsZero() || r.Text("uid") != "" || r.List("tags") != nil {
			t.Fatalf("record %s: %+v", r.ID, r)
		}
	}
}

func TestAnswerWithoutRecordsIsNotAnEmptyTable(t *testing.T) {
	for _, body := range []string{`{}`, `null`, `{"records":null}`, `{"offset":"itr1/rec1"}`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(body))
		}))
		client := airtable.New(airtable.Options{BaseURL: srv.URL, DisablePacing: true})
		_, err := client.ListRecords(context.Background(), token, baseID, tableID, "")
		srv.Close()
		var serverErr *airtable.ServerError
		if !errors.As(err, &serverErr) || serverErr.Status != http.StatusOK {
			t.Errorf("%s: %v, want a *ServerError", body, err)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"records":[]}`))
	}))
	defer srv.Close()
	client := airtable.New(airtable.Options{BaseURL: srv.URL, DisablePacing: true})
	if page, err := client.ListRecords(context.Background(), token, baseID, tableID, ""); err != nil || len(page.Records) != 0 || page.Offset != "" {
		t.Fatalf("an empty table: %+v, %v", page, err)
	}
}

func TestRecordTextAndList(t *testing.T) {
	r := airtable.Record{Fields: map[string]json.RawMessage{
		"text":    json.RawMessage(`"  padded "`),
		"number":  json.RawMessage(`42.5`),
		"bool":    json.RawMessage(`true`),
		"null":    json.RawMessage(`null`),
		"object":  json.RawMessage(`{"id":"att1"}`),
		"list":    json.RawMessage(`["A", " b ", "", null, 3, {"x":1}]`),
		"empty":   json.RawMessage(`[]`),
		"garbled": json.RawMessage(`[1,`),
	}}
	for _, tc := range []struct {
		field  string
		text   string
		asList []string
	}{
		{"text", "  padded ", []string{"  padded "}},
		{"number", "42.5", []string{"42.5"}},
		{"bool", "true", []string{"true"}},
		{"null", "", nil},
		{"object", "", nil},
		{"list", "", []string{"A", " b ", "", "3"}},
		{"empty", "", nil},
		{"garbled", "", nil},
		{"absent", "", nil},
	} {
		if got := r.Text(tc.field); got != tc.text {
			t.Errorf("Text(%s) = %q, want %q", tc.field, got, tc.text)
		}
		if got := r.List(tc.field); !slices.Equal(got, tc.asList) {
			t.Errorf("List(%s) = %q, want %q", tc.field, got, tc.asList)
		}
	}
}

package fakeairtable

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var offsetShape = regexp.MustCompile(`^itr[0-9A-Za-z]{14}/rec[0-9A-Za-z]{14}$`)

func TestListPagesWithOpaqueOffsets(t *testing.T) {
	s := newServer(t, records(250))
	var ids []string
	path, pages := "/appBase/tblTable", 0
	for {
		page := getPage(t, s, path)
		pages++
		for _, r := range page.Records {
			ids = append(ids, r.ID)
		}
		if page.Offset == "" {
			break
		}
		if !offsetShape.MatchString(page.Offset) {
			t.Fatalf("offset %q does not look like Airtable's", page.Offset)
		}
		path = "/appBase/tblTable?offset=" + url.QueryEscape(page.Offset)
	}
	if pages != 3 || len(ids) != 250 {
		t.Fatalf("%d pages, %d records; want 3 pages of 100, 100, 50", pages, len(ids))
	}
	for i, id := range ids {
		if want := fmt.Sprintf("rec%014d", i+1); id != want {
			t.Fatalf("record %d is %s, want %s: the order must be stable", i, id, want)
		}
	}
}

func TestLastPageHasNoOffsetKey(t *testing.T) {
	s := newServer(t, records(3))
	_, _, body := get(t, s, "tok", "/appBase/tblTable")
	if strings.Contains(string(body), `"offset"`) {
		t.Fatalf("last page carries an offset: %s", body)
	}
	s.AddTable("tok", "appBase", "tblEmpty", nil)
	if _, _, body := get(t, s, "tok", "/appBase/tblEmpty"); string(body) != `{"records":[]}` {
		t.Fatalf("empty table: %s", body)
	}
}

func TestPageSize(t *testing.T) {
	s := newServer(t, records(30))
	if page := getPage(t, s, "/appBase/tblTable?pageSize=10"); len(page.Records) != 10 {
		t.Fatalf("pageSize=10 gave %d records", len(page.Records))
	}
	if page := getPage(t, s, "/appBase/tblTable?pageSize=100"); len(page.Records) != 30 {
		t.Fatalf("pageSize=100 gave %d records", len(page.Records))
	}
	for _, size := range []string{"101", "0", "-1", "ten"} {
		status, _, body := get(t, s, "tok", "/appBase/tblTable?pageSize="+size)
		wantError(t, status, body, http.StatusUnprocessableEntity, "INVALID_REQUEST_UNKNOWN")
	}
}

func TestUnmodelledParametersAreRefused(t *testing.T) {
	s := newServer(t, records(1))
	status, _, body := get(t, s, "tok", "/appBase/tblTable?view=Grid")
	if e := wantError(t, status, body, http.StatusUnprocessableEntity, "INVALID_REQUEST_UNKNOWN"); !strings.Contains(e.Message, `"view"`) {
		t.Fatalf("message %q does not name the parameter", e.Message)
	}
}

func TestEmptyCellsAreLeftOut(t *testing.T) {
	created := time.Date(2024, 5, 6, 7, 8, 9, 10_000_000, time.FixedZone("CEST", 2*3600))
	s := newServer(t, []Record{{ID: "recAAAAAAAAAAAAAA", CreatedTime: created, Fields: map[string]any{
		"blank": "", "unchecked": false, "null": nil, "none": []string{}, "nothing": []any{}, "nilList": []string(nil),
		"zero": 0, "text": "x", "checked": true, "blankItem": []string{""}, "padded": " ",
	}}})
	_, _, body := get(t, s, "tok", "/appBase/tblTable")
	want := `{"records":[{"id":"recAAAAAAAAAAAAAA","createdTime":"2024-05-06T05:08:09.010Z",` +
		`"fields":{"blankItem":[""],"checked":true,"padded":" ","text":"x","zero":0}}]}`
	if string(body) != want {
		t.Fatalf("got  %s\nwant %s", body, want)
	}
	s.AddTable("tok", "appBase", "tblBare", []Record{{ID: "recBBBBBBBBBBBBBB", Fields: map[string]any{"blank": ""}}})
	page := getPage(t, s, "/appBase/tblBare")
	if raw, _ := json.Marshal(page.Records[0].Fields); string(raw) != "{}" {
		t.Fatalf("a record with no values has fields %s, want {}", raw)
	}
}

func TestOffsetsThatCannotBeResumed(t *testing.T) {
	s := newServer(t, records(150))
	s.AddTable("tok", "appBase", "tblOther", records(150))
	offset := getPage(t, s, "/appBase/tblTable").Offset
	for _, tc := range []struct {
		name, path, errType string
	}{
		{"malformed", "/appBase/tblTable?offset=garbage", "INVALID_OFFSET_VALUE"},
		{"unknown iterator", "/appBase/tblTable?offset=itr99999999999999/rec00000000000101", "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"},
		{"unknown record", "/appBase/tblTable?offset=" + strings.Split(offset, "/")[0] + "/rec99999999999999", "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"},
		{"other table's iterator", "/appBase/tblOther?offset=" + url.QueryEscape(offset), "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"},
	} {
		status, _, body := get(t, s, "tok", tc.path)
		wantError(t, status, body, http.StatusUnprocessableEntity, tc.errType)
	}

	getPage(t, s, "/appBase/tblTable?offset="+url.QueryEscape(offset)) // still fine
	s.AddTable("tok", "appBase", "tblTable", records(150))
	status, _, body := get(t, s, "tok", "/appBase/tblTable?offset="+url.QueryEscape(offset))
	wantError(t, status, body, http.StatusUnprocessableEntity, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE")
}

func TestExpireOffsetsForgetsThemForGood(t *testing.T) {
	s := newServer(t, records(250))
	s.ExpireOffsets(1)
	first := getPage(t, s, "/appBase/tblTable") // no offset: untouched
	next := "/appBase/tblTable?offset=" + url.QueryEscape(first.Offset)
	for range 2 {
		status, _, body := get(t, s, "tok", next)
		wantError(t, status, body, http.StatusUnprocessableEntity, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE")
	}
	restart := getPage(t, s, "/appBase/tblTable")
	if page := getPage(t, s, "/appBase/tblTable?offset="+url.QueryEscape(restart.Offset)); len(page.Records) != 100 {
		t.Fatalf("a fresh walk's second page has %d records", len(page.Records))
	}
}

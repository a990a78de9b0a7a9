package fakeairtable

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"spark.dev/spark/internal/fakeapi"
)

const (
	defaultPageSize = 100
	maxPageSize     = 100
)

type listJSON struct {
	Records []recordJSON `json:"records"`
	Offset  string       `json:"offset,omitempty"` // absent on the last page
}

type recordJSON struct {
	ID          string         `json:"id"`
	CreatedTime string         `json:"createdTime"`
	Fields      map[string]any `json:"fields"`
}

// listRecords answers one page of t. The caller holds s.mu.
func (s *Server) listRecords(query url.Values, t *table) fakeapi.Response {
	for name := range query {
		if name != "pageSize" && name != "offset" {
			return errorMessage(http.StatusUnprocessableEntity, typeInvalidRequest,
				fmt.Sprintf("fakeairtable does not model the query parameter %q", name))
		}
	}
	size := defaultPageSize
	if v := query.Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return errorResponse(http.StatusUnprocessableEntity, typeInvalidRequest)
		}
		size = n
	}

	itr, start := "", 0
	if offset := query.Get("offset"); offset == "" {
		s.nextIterator++
		itr = fmt.Sprintf("itr%014d", s.nextIterator)
		s.iterators[itr] = t
	} else {
		var bad *fakeapi.Response
		if itr, start, bad = s.resume(offset, t); bad != nil {
			return *bad
		}
	}

	end := min(start+size, len(t.records))
	body := listJSON{Records: make([]recordJSON, 0, end-start)}
	for _, r := range t.records[start:end] {
		body.Records = append(body.Records, renderRecord(r))
	}
	if end < len(t.records) {
		body.Offset = itr + "/" + t.records[end].ID
	}
	return jsonResponse(http.StatusOK, body)
}

// resume finds where an offset points: a malformed one is invalid; one
// whose iterator is forgotten, belongs to another table, or whose table was
// replaced is no longer available.
func (s *Server) resume(offset string, t *table) (string, int, *fakeapi.Response) {
	itr, recordID, ok := strings.Cut(offset, "/")
	if !ok || !strings.HasPrefix(itr, "itr") || !strings.HasPrefix(recordID, "rec") {
		resp := errorResponse(http.StatusUnprocessableEntity, typeInvalidOffset)
		return "", 0, &resp
	}
	start, found := t.index[recordID]
	if s.iterators[itr] != t || !found {
		resp := errorResponse(http.StatusUnprocessableEntity, typeIteratorNotAvailable)
		return "", 0, &resp
	}
	return itr, start, nil
}

func renderRecord(r Record) recordJSON {
	fields := map[string]any{}
	for name, v := range r.Fields {
		if !isEmpty(v) {
			fields[name] = v
		}
	}
	return recordJSON{ID: r.ID, CreatedTime: r.CreatedTime.UTC().Format(airtableTime), Fields: fields}
}

// airtableTime is how Airtable writes times: UTC with milliseconds.
const airtableTime = "2006-01-02T15:04:05.000Z"

// isEmpty reports the cells Airtable leaves out: "", false, null and
// empty lists.
func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Array, reflect.Map:
		return rv.Len() == 0
	case reflect.Bool:
		return !rv.Bool()
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

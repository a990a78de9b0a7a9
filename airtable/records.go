package airtable

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// pageSize is Airtable's maximum, so a walk takes as few requests as it can.
const pageSize = 100

// Record is one Airtable record. Airtable leaves empty cells ("", [],
// false) out of Fields, so a missing key means an empty cell.
type Record struct {
	ID          string
	CreatedTime time.Time
	Fields      map[string]json.RawMessage
}

// Page is one page of List records. Offset is "" on the last page; else it
// is passed back to ListRecords, soon: Airtable forgets it within minutes.
type Page struct {
	Records []Record
	Offset  string
}

// ListRecords returns one page of up to 100 records of a table, in
// Airtable's default order. offset is "" for the first page, else the
// Offset of the previous page. tableID may also be a table name.
func (c *Client) ListRecords(ctx context.Context, token, baseID, tableID, offset string) (Page, error) {
	if !ValidBaseID(baseID) {
		return Page{}, fmt.Errorf("%w: the base id %s", ErrInvalidID, BaseIDRule)
	}
	if !ValidTable(tableID) {
		return Page{}, fmt.Errorf("%w: the table %s", ErrInvalidID, TableRule)
	}
	query := url.Values{"pageSize": {strconv.Itoa(pageSize)}}
	if offset != "" {
		query.Set("offset", offset)
	}
	var page listResponse
	if err := c.get(ctx, token, baseID, c.tableURL(baseID, tableID, query), &page); err != nil {
		return Page{}, err
	}
	records := make([]Record, len(page.Records))
	for i, r := range page.Records {
		records[i] = Record{ID: r.ID, CreatedTime: time.Time(r.CreatedTime), Fields: r.Fields}
	}
	return Page{Records: records, Offset: page.Offset}, nil
}

type listResponse struct {
	Records []wireRecord `json:"records"`
	Offset  string       `json:"offset"`
}

// UnmarshalJSON refuses a body without a records list ({}, null): read as
// an empty last page, it would pass for an empty table.
func (l *listResponse) UnmarshalJSON(b []byte) error {
	type plain listResponse
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	if p.Records == nil {
		return errors.New("no records list")
	}
	*l = listResponse(p)
	return nil
}

type wireRecord struct {
	ID          string                     `json:"id"`
	CreatedTime wireTime                   `json:"createdTime"`
	Fields      map[string]json.RawMessage `json:"fields"`
}

// wireTime reads createdTime leniently: null or "" is the zero time, and a
// time that is not RFC 3339 is too, since no caller should fail a whole
// page over record metadata it may not even use.
type wireTime time.Time

func (t *wireTime) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		parsed, err := time.Parse(time.RFC3339Nano, s)
		if err == nil {
			*t = wireTime(parsed.UTC())
			return nil
		}
	}
	*t = wireTime{}
	return nil
}

// Text returns a cell as text: a string as it is, a number or a boolean as
// JSON writes it, and "" for an empty cell or any other shape.
func (r Record) Text(field string) string {
	s, _ := scalar(r.Fields[field])
	return s
}

// List returns a cell as a list of texts, for multiple selects and lookups:
// a single value counts as a list of one, and items that are not text,
// numbers or booleans (null, objects) are left out. Blank items are kept;
// what counts as blank is the caller's business.
func (r Record) List(field string) []string {
	raw := bytes.TrimSpace(r.Fields[field])
	if len(raw) > 0 && raw[0] != '[' {
		if s, ok := scalar(raw); ok {
			return []string{s}
		}
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var list []string
	for _, item := range items {
		if s, ok := scalar(item); ok {
			list = append(list, s)
		}
	}
	return list
}

// scalar reads a string, number or boolean as text.
func scalar(raw json.RawMessage) (string, bool) {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case float64, bool:
		return string(bytes.TrimSpace(raw)), true
	}
	return "", false
}

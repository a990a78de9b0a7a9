package fakereadwise

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"spark.dev/spark/internal/fakeapi"
)

// LIST page sizes, as Readwise documents them.
const (
	defaultPageSize = 100
	maxPageSize     = 1000
)

type listJSON[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

func listBooks(r *http.Request, lib *Library) fakeapi.Response {
	filter, bad := updatedFilter(r.URL.Query())
	if bad != nil {
		return *bad
	}
	var matching []Book
	for _, b := range lib.snapshot().books {
		if filter.contains(b.Updated) {
			matching = append(matching, b)
		}
	}
	return listPage(r, matching, renderListBook)
}

// listHighlights lists live highlights only: a deleted one disappears.
func listHighlights(r *http.Request, lib *Library) fakeapi.Response {
	filter, bad := updatedFilter(r.URL.Query())
	if bad != nil {
		return *bad
	}
	var matching []Highlight
	for _, h := range lib.snapshot().highlights {
		if !h.Deleted && filter.contains(h.Updated) {
			matching = append(matching, h)
		}
	}
	return listPage(r, matching, renderListHighlight)
}

// listPage answers with one page of items (already in id order) the way
// DRF's PageNumberPagination does: page_size defaults to 100 and is clamped
// to 1000, a page past the end is a 404, and next and previous are absolute
// URLs that keep every other query parameter.
func listPage[T, J any](r *http.Request, items []T, render func(T) J) fakeapi.Response {
	query := r.URL.Query()
	size := defaultPageSize
	if n, err := strconv.Atoi(query.Get("page_size")); err == nil && n > 0 {
		size = min(n, maxPageSize)
	}
	page := 1
	if v := query.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return detailResponse(http.StatusNotFound, "Invalid page.")
		}
		page = n
	}
	pages := max(1, (len(items)+size-1)/size)
	if page > pages {
		return detailResponse(http.StatusNotFound, "Invalid page.")
	}
	body := listJSON[J]{Count: len(items), Results: []J{}}
	for _, item := range items[(page-1)*size : min(page*size, len(items))] {
		body.Results = append(body.Results, render(item))
	}
	if page < pages {
		body.Next = pageLink(r, page+1)
	}
	if page > 1 {
		body.Previous = pageLink(r, page-1)
	}
	return jsonResponse(http.StatusOK, body)
}

// pageLink is the absolute URL of another page of this request. As in DRF,
// the link to page 1 carries no page parameter.
func pageLink(r *http.Request, page int) *string {
	query := r.URL.Query()
	if page == 1 {
		query.Del("page")
	} else {
		query.Set("page", strconv.Itoa(page))
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	link := (&url.URL{Scheme: scheme, Host: r.Host, Path: r.URL.Path, RawQuery: query.Encode()}).String()
	return &link
}

// timeWindow holds the exclusive updated__gt and updated__lt bounds; a zero
// bound is open.
type timeWindow struct {
	after, before time.Time
}

func (w timeWindow) contains(t time.Time) bool {
	return (w.after.IsZero() || t.After(w.after)) && (w.before.IsZero() || t.Before(w.before))
}

// updatedFilter reads updated__gt and updated__lt; a bad value gets
// django-filter's 400.
func updatedFilter(query url.Values) (timeWindow, *fakeapi.Response) {
	var w timeWindow
	bounds := []struct {
		param string
		bound *time.Time
	}{{"updated__gt", &w.after}, {"updated__lt", &w.before}}
	for _, b := range bounds {
		v := query.Get(b.param)
		if v == "" {
			continue
		}
		t, err := parseTime(v)
		if err != nil {
			resp := jsonResponse(http.StatusBadRequest, map[string][]string{b.param: {"Enter a valid date/time."}})
			return w, &resp
		}
		*b.bound = t
	}
	return w, nil
}

// parseTime accepts what Django's datetime parsing does in practice:
// RFC 3339 with any fraction, a datetime without offset (UTC), or a date.
func parseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", v)
}

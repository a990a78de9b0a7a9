package testenv

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sync/atomic"
	"testing"
)

// SentEvent is an event as the dev server's REST API lists it.
type SentEvent struct {
	ID   string          `json:"internal_id"`
	Name string          `json:"name"`
	Data json.RawMessage `json:"data"`
}

var eventQueries atomic.Int64

// EventsNamed lists the events named name that the dev server received
// (at most 100), newest first.
func (d *DevServer) EventsNamed(t testing.TB, name string) []SentEvent {
	t.Helper()
	// The API caches answers per URL: a fresh query string reads fresh data.
	u := fmt.Sprintf("%s/v1/events?name=%s&limit=100&poll=%d", d.URL, url.QueryEscape(name), eventQueries.Add(1))
	var list struct {
		Data []SentEvent `json:"data"`
	}
	if err := d.getJSON(u, &list); err != nil {
		t.Fatalf("listing %s events: %v", name, err)
	}
	return list.Data
}

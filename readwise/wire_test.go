package readwise

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestWireTimeReadsEveryReadwiseFormat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{`"2020-10-01T17:47:31.234826Z"`, time.Date(2020, 10, 1, 17, 47, 31, 234826000, time.UTC)},
		{`"2022-09-13T16:41:53.186Z"`, time.Date(2022, 9, 13, 16, 41, 53, 186000000, time.UTC)},
		{`"2019-03-19T03:49:23Z"`, time.Date(2019, 3, 19, 3, 49, 23, 0, time.UTC)},
		{`"2019-03-19T03:49:23+00:00"`, time.Date(2019, 3, 19, 3, 49, 23, 0, time.UTC)},
		{`"2019-03-19T03:49:23.5+02:00"`, time.Date(2019, 3, 19, 1, 49, 23, 500000000, time.UTC)},
		{`"2019-03-19T03:49:23.123456"`, time.Date(2019, 3, 19, 3, 49, 23, 123456000, time.UTC)},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
	} {
		var got wireTime
		if err := json.Unmarshal([]byte(tc.in), &got); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if !got.time().Equal(tc.want) || got.time().Location() != time.UTC {
			t.Errorf("%s: got %v, want %v", tc.in, got.time(), tc.want)
		}
	}
	var bad wireTime
	if err := json.Unmarshal([]byte(`"last tuesday"`), &bad); err == nil {
		t.Error("a date that is not ISO 8601 was accepted")
	}
}

func TestFormatTimeKeepsMicroseconds(t *testing.T) {
	at := time.Date(2020, 10, 1, 17, 47, 31, 234826999, time.FixedZone("CEST", 2*3600))
	if got, want := formatTime(at), "2020-10-01T15:47:31.234826Z"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func ptr[T any](v T) *T { return &v }

// The LIST and EXPORT samples are Readwise's documentation examples, with an
// unknown field added: they must decode to the same Go shape.
func TestListAndExportDecodeToOneShape(t *testing.T) {
	const listBooks = `{"count":9,"next":"https://readwise.io/api/v2/books/?page=2","previous":null,"results":[{
		"id":1776,"title":"Early Retirement Extreme","author":"Jacob Lund Fisker","category":"books",
		"source":"kindle","num_highlights":68,"last_highlight_at":"2019-03-19T03:49:23Z",
		"updated":"2020-10-01T17:47:31.234826Z","cover_image_url":"https://readwise.io/static/images/default-book-icon-2.png",
		"highlights_url":"https://readwise.io/bookreview/1776","source_url":null,"asin":"B0046LU7H0",
		"tags":[{"id":5,"name":"fire"}],"document_note":"","brand_new_field":{"x":1}}]}`
	var books listResponse[wireBook]
	if err := json.Unmarshal([]byte(listBooks), &books); err != nil {
		t.Fatal(err)
	}
	wantBook := Book{
		ID: 1776, Title: "Early Retirement Extreme", Author: "Jacob Lund Fisker", Category: "books",
		Source: "kindle", NumHighlights: 68, LastHighlightAt: time.Date(2019, 3, 19, 3, 49, 23, 0, time.UTC),
		Updated:       time.Date(2020, 10, 1, 17, 47, 31, 234826000, time.UTC),
		CoverImageURL: "https://readwise.io/static/images/default-book-icon-2.png",
		ReadwiseURL:   "https://readwise.io/bookreview/1776", ASIN: "B0046LU7H0", Tags: []Tag{{ID: 5, Name: "fire"}},
	}
	if got := books.Results[0].book(); !reflect.DeepEqual(got, wantBook) {
		t.Errorf("LIST book:\n got %+v\nwant %+v", got, wantBook)
	}
	if books.Count != 9 || books.Next != "https://readwise.io/api/v2/books/?page=2" {
		t.Errorf("LIST envelope: count %d, next %q", books.Count, books.Next)
	}

	const export = `{"count":2,"nextPageCursor":12345,"results":[{
		"user_book_id":123,"is_deleted":false,"title":"Some title","author":"Some author",
		"readable_title":"Some title","source":"raindrop","cover_image_url":"https://cover.com/image.png",
		"unique_url":"","book_tags":[{"id":7,"name":"reading"}],"category":"articles","document_note":"","summary":"",
		"readwise_url":"https://readwise.io/bookreview/123","source_url":"",
		"external_id":"01arz3ndektsv4rrffq69g5fav","asin":null,
		"highlights":[{"id":4000000000456,"is_deleted":true,"text":"“XPTO.”","location":0,"location_type":"order",
			"note":null,"color":"yellow","highlighted_at":"2022-09-13T16:41:53.186Z",
			"created_at":"2022-09-13T16:41:53.186Z","updated_at":"2022-09-14T18:50:30.564Z",
			"external_id":"6320b2bd7fbcdd7b0c000b3e","end_location":null,"url":null,"book_id":123,
			"tags":[],"is_favorite":true,"is_discard":false,"readwise_url":"https://readwise.io/open/456","new":1}]}]}`
	var page exportResponse
	if err := json.Unmarshal([]byte(export), &page); err != nil {
		t.Fatal(err)
	}
	got := page.Results[0].exportedBook()
	wantExported := ExportedBook{
		Book: Book{
			ID: 123, Title: "Some title", Author: "Some author", ReadableTitle: "Some title", Source: "raindrop",
			CoverImageURL: "https://cover.com/image.png", Tags: []Tag{{ID: 7, Name: "reading"}}, Category: "articles",
			ReadwiseURL: "https://readwise.io/bookreview/123", ExternalID: "01arz3ndektsv4rrffq69g5fav",
		},
		Highlights: []Highlight{{
			ID: 4000000000456, Deleted: true, Text: "“XPTO.”", Location: ptr(int64(0)), LocationType: "order",
			Color: "yellow", HighlightedAt: time.Date(2022, 9, 13, 16, 41, 53, 186000000, time.UTC),
			CreatedAt:  time.Date(2022, 9, 13, 16, 41, 53, 186000000, time.UTC),
			Updated:    time.Date(2022, 9, 14, 18, 50, 30, 564000000, time.UTC),
			ExternalID: "6320b2bd7fbcdd7b0c000b3e", BookID: 123, IsFavorite: true,
			ReadwiseURL: "https://readwise.io/open/456",
		}},
	}
	if !reflect.DeepEqual(got, wantExported) {
		t.Errorf("EXPORT book:\n got %+v\nwant %+v", got, wantExported)
	}
	if page.NextPageCursor != "12345" {
		t.Errorf("numeric cursor read as %q", page.NextPageCursor)
	}
}

package airtable_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"spark.dev/spark/airtable"
	"spark.dev/spark/internal/fakeairtable"
)

// hourly lets one request through per hour: a second request to the same
// base can only wait, which a context deadline turns into an immediate
// *RateLimitError. Nothing here depends on how fast the test runs.
var hourly = airtable.Limit{Rate: rate.Every(time.Hour), Burst: 1}

const otherBase = "appOtherBase00001"

func TestPacerKeepsBasesApart(t *testing.T) {
	srv, _ := newFake(t, nil)
	srv.AddTable(token, otherBase, tableID, nil)
	srv.AddTable("second-token", baseID, "tblSecond00000001", nil)
	pacer := airtable.NewPacer(hourly)
	client := airtable.New(airtable.Options{BaseURL: srv.URL(), Pacer: pacer})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	if _, err := client.ListRecords(ctx, token, baseID, tableID, ""); err != nil {
		t.Fatal(err)
	}
	_, err := client.ListRecords(ctx, token, baseID, tableID, "")
	var limited *airtable.RateLimitError
	if !errors.As(err, &limited) || time.Until(limited.RetryAt) < 59*time.Minute {
		t.Fatalf("second request to the base: %v, want a *RateLimitError about an hour on", err)
	}
	if n := srv.Requests(baseID); n != 1 {
		t.Fatalf("%d requests reached the base, want 1: a paced request must not be sent", n)
	}
	if _, err := client.ListRecords(ctx, token, otherBase, tableID, ""); err != nil {
		t.Fatalf("another base shares the bucket: %v", err)
	}
	if _, err := client.ListRecords(ctx, "second-token", baseID, "tblSecond00000001", ""); !errors.As(err, &limited) {
		t.Fatalf("another token on the same base: %v, want *RateLimitError: Airtable limits the base", err)
	}

	sameProcess := airtable.New(airtable.Options{BaseURL: srv.URL(), Pacer: pacer})
	if _, err := sameProcess.ListRecords(ctx, token, baseID, tableID, ""); !errors.As(err, &limited) {
		t.Fatalf("a second client with the same pacer: %v, want *RateLimitError", err)
	}
	ownPacer := airtable.New(airtable.Options{BaseURL: srv.URL(), Pacer: airtable.NewPacer(hourly)})
	if _, err := ownPacer.ListRecords(ctx, token, baseID, tableID, ""); err != nil {
		t.Fatalf("a client with its own pacer: %v", err)
	}
}

func TestPacedWaitEndsWithTheContext(t *testing.T) {
	srv, _ := newFake(t, nil)
	client := airtable.New(airtable.Options{BaseURL: srv.URL(), Pacer: airtable.NewPacer(hourly)})
	if _, err := client.ListRecords(context.Background(), token, baseID, tableID, ""); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background()) // no deadline: the pacer waits
	done := make(chan error)
	go func() {
		_, err := client.ListRecords(ctx, token, baseID, tableID, "")
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("%v, want context.Canceled", err)
	}
}

func TestDefaultPacingNeverTripsAirtablesLimit(t *testing.T) {
	srv, _ := newFake(t, fakeairtable.GenerateTable(1, 10, fakeairtable.TableOptions{}))
	srv.SetLimits(fakeairtable.AirtableLimits)
	client := airtable.New(airtable.Options{BaseURL: srv.URL(), Pacer: airtable.NewPacer(airtable.DefaultLimit)})

	start := time.Now()
	for i := range 8 {
		if _, err := client.ListRecords(context.Background(), token, baseID, tableID, ""); err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	// A lower bound only: the pacer can send later than every 200 ms, never earlier.
	if elapsed := time.Since(start); elapsed < 7*200*time.Millisecond {
		t.Fatalf("8 requests in %v, want at least 1.4 s", elapsed)
	}
}

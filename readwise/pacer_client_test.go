package readwise_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/readwise"
)

// hourly lets one request through per hour: a second request of the same
// token and bucket can only wait, which a context deadline turns into an
// immediate *RateLimitError. Nothing here depends on how fast the test runs.
var hourly = readwise.Limit{Rate: rate.Every(time.Hour), Burst: 1}

func TestPacerKeepsTokensAndBucketsApart(t *testing.T) {
	srv := fakereadwise.New()
	defer srv.Close()
	srv.AddUser("alice", fakereadwise.NewLibrary())
	srv.AddUser("bob", fakereadwise.NewLibrary())
	pacer := readwise.NewPacer(hourly, hourly)
	client := readwise.New(readwise.Options{BaseURL: srv.URL(), Pacer: pacer})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	if _, err := client.CountBooks(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	_, err := client.CountBooks(ctx, "alice")
	var limited *readwise.RateLimitError
	if !errors.As(err, &limited) || time.Until(limited.RetryAt) < 59*time.Minute {
		t.Fatalf("alice's second LIST: %v, want a *RateLimitError about an hour on", err)
	}
	if n := srv.Requests("alice")[fakereadwise.EndpointBooks]; n != 1 {
		t.Fatalf("alice sent %d LIST requests, want 1: a paced request must not be sent", n)
	}
	if _, err := client.CountBooks(ctx, "bob"); err != nil {
		t.Fatalf("bob shares alice's bucket: %v", err)
	}
	if err := client.CheckToken(ctx, "alice"); err != nil {
		t.Fatalf("alice's other bucket is shared with LIST: %v", err)
	}

	sameProcess := readwise.New(readwise.Options{BaseURL: srv.URL(), Pacer: pacer})
	if _, err := sameProcess.CountBooks(ctx, "alice"); !errors.As(err, &limited) {
		t.Fatalf("a second client with the same pacer: %v, want *RateLimitError", err)
	}
	otherPacer := readwise.New(readwise.Options{BaseURL: srv.URL(), Pacer: readwise.NewPacer(hourly, hourly)})
	if _, err := otherPacer.CountBooks(ctx, "alice"); err != nil {
		t.Fatalf("a client with its own pacer: %v", err)
	}
}

func TestPacedWaitEndsWithTheContext(t *testing.T) {
	srv := fakereadwise.New()
	defer srv.Close()
	srv.AddUser(token, fakereadwise.NewLibrary())
	client := readwise.New(readwise.Options{BaseURL: srv.URL(), Pacer: readwise.NewPacer(hourly, hourly)})
	if err := client.CheckToken(context.Background(), token); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background()) // no deadline: the pacer waits
	done := make(chan error)
	go func() { done <- client.CheckToken(ctx, token) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("%v, want context.Canceled", err)
	}
}

func TestPacerSpacesRequests(t *testing.T) {
	srv := fakereadwise.New()
	defer srv.Close()
	srv.AddUser(token, fakereadwise.NewLibrary())
	every := 25 * time.Millisecond
	limit := readwise.Limit{Rate: rate.Every(every), Burst: 1}
	client := readwise.New(readwise.Options{BaseURL: srv.URL(), Pacer: readwise.NewPacer(limit, limit)})

	start := time.Now()
	for range 3 {
		if err := client.CheckToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
	}
	// A lower bound only: the pacer can make requests later, never earlier.
	if elapsed := time.Since(start); elapsed < 2*every {
		t.Fatalf("3 requests in %v, want at least %v", elapsed, 2*every)
	}
}

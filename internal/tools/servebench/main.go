// Command servebench measures the serve path users pay for on every step:
// signed Inngest requests to the app's /api/inngest, function log on, next to
// a bare inngestgo handler serving the same function shape, under the same
// load, in the same run, each server a process of its own built from this
// checkout (run it from the repository's root). Every request is a new run
// (its own run id) whose steps are memoized, so each one is a run's final
// request and must be logged as completed. Usage:
//
//	go run ./internal/tools/servebench [-clients 32] [-duration 8s] [-rounds 2] [-database sqlite|postgres://…]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 8*time.Second, "load per measurement")
	rounds := flag.Int("rounds", 2, "bare/app pairs, alternating")
	database := flag.String("database", "sqlite", `"sqlite" (a new file) or a PostgreSQL URL`)
	flag.Parse()
	if err := run(context.Background(), *clients, *duration, *rounds, *database); err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, clients int, duration time.Duration, rounds int, database string) error {
	bare, err := startBare()
	if err != nil {
		return err
	}
	defer bare.Close()
	spark, err := startSpark(database)
	if err != nil {
		return err
	}
	defer spark.Close()

	fmt.Printf("%d clients, %s per measurement, every request a new run; app on %s\n", clients, duration, spark.engine)
	sent := 0
	for round := 1; round <= rounds; round++ {
		b, err := measure(ctx, bare.target, clients, duration)
		if err != nil {
			return fmt.Errorf("bare: %w", err)
		}
		s, err := measure(ctx, spark.target, clients, duration)
		if err != nil {
			return fmt.Errorf("spark: %w", err)
		}
		sent += s.requests
		fmt.Printf("round %d  bare  %s\n", round, b)
		fmt.Printf("round %d  spark %s\n", round, s)
		fmt.Printf("round %d  spark/bare: %.2f× requests/s, %.2f× p99\n", round, s.rate()/b.rate(), s.p99.Seconds()/b.p99.Seconds())
	}
	for _, s := range []*server{bare, spark} {
		rss, err := s.peakRSS()
		if err != nil {
			return err
		}
		name := "bare"
		if s == spark {
			name = "spark"
		}
		fmt.Printf("peak RSS  %-5s %.1f MB\n", name, float64(rss)/1e6)
	}
	logged, err := countCompleted(ctx, spark.databaseURL)
	if err != nil {
		return err
	}
	fmt.Printf("function_logs: %d runs completed of %d requests answered\n", logged, sent)
	if logged != sent {
		return fmt.Errorf("%d requests answered but %d runs logged as completed", sent, logged)
	}
	return nil
}

// Command fakereadwise serves the Readwise fake (internal/fakereadwise) in a
// process of its own, for benchmarks that measure the app's memory without
// the fake's. It prints the API's URL on the first line of stdout, serves
// one generated library to one token with no rate limits, and when stdin
// closes prints the requests it answered, by endpoint, as JSON, and exits.
//
//	go run ./internal/tools/fakereadwise -token T -books 2000 -highlights 100000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"spark.dev/spark/internal/fakereadwise"
)

func main() {
	token := flag.String("token", "rw-bench-token", "the token the library is served to")
	books := flag.Int("books", 2000, "books in the library")
	highlights := flag.Int("highlights", 100_000, "highlights in the library")
	seed := flag.Int64("seed", 1, "the library's generator seed")
	flag.Parse()

	fake := fakereadwise.New()
	defer fake.Close()
	fake.SetLimits(fakereadwise.Limits{List: 1 << 30, Other: 1 << 30})
	lib := fakereadwise.GenerateLibrary(*seed, *books, *highlights)
	// The fake builds its view of a library on first use: build it now,
	// so the benchmark does not time it.
	lib.Books()
	fake.AddUser(*token, lib)
	fmt.Println(fake.URL())

	io.Copy(io.Discard, os.Stdin)
	if err := json.NewEncoder(os.Stdout).Encode(fake.Requests(*token)); err != nil {
		fmt.Fprintln(os.Stderr, "fakereadwise:", err)
		os.Exit(1)
	}
}

// Command bareserve serves the bare inngestgo app (internal/tools/bareinngest)
// on 127.0.0.1:$PORT, so that startupbench can time its cold start beside the
// app's. INNGEST_SIGNING_KEY is its signing key.
package main

import (
	"fmt"
	"net/http"
	"os"

	"spark.dev/spark/internal/tools/bareinngest"
)

func main() {
	handler, err := bareinngest.New(os.Getenv("INNGEST_SIGNING_KEY"))
	if err == nil {
		err = http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), handler)
	}
	fmt.Fprintln(os.Stderr, "bareserve:", err)
	os.Exit(1)
}

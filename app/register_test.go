package app_test

import (
	"net/http"
	"testing"
)

// Registering is the app's own signed call to the engine: the served
// /api/inngest never takes an unsigned sync outside dev mode, whatever the
// SDK's own INNGEST_ENABLE_UNAUTHED_SYNC says.
func TestServedEndpointRefusesUnsignedSyncs(t *testing.T) {
	t.Setenv("INNGEST_ENABLE_UNAUTHED_SYNC", "true")
	a := newTestApp(t, productionEnv(withJWT(nil)))
	req, _ := http.NewRequest(http.MethodPut, a.URL+"/api/inngest", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unsigned PUT /api/inngest: %d, want 401", resp.StatusCode)
	}
}

package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/middleware"
)

func TestInngestBodyRefusesWhatTheSDKWouldChokeOn(t *testing.T) {
	deep := strings.Repeat(`{"a":`, middleware.MaxInngestBodyDepth+1) + "1" + strings.Repeat("}", middleware.MaxInngestBodyDepth+1)
	deepest := strings.Repeat("[", middleware.MaxInngestBodyDepth) + strings.Repeat("]", middleware.MaxInngestBodyDepth)
	tests := []struct {
		name        string
		body        io.Reader
		length      int64
		wantStatus  int
		wantMessage string
	}{
		{"run state", strings.NewReader(`{"event":{"data":{"userId":"u"}},"steps":{"a":[1,{"b":"]]]]"}]}}`), -1, http.StatusOK, ""},
		{"as deep as allowed", strings.NewReader(deepest), -1, http.StatusOK, ""},
		{"one level deeper", strings.NewReader(deep), -1, http.StatusBadRequest, "Request body is nested too deeply"},
		{"brackets in strings do not count", strings.NewReader(`{"s":"` + strings.Repeat(`[\"{`, 2000) + `"}`), -1, http.StatusOK, ""},
		{"declared over 100 MiB", strings.NewReader("{}"), middleware.MaxInngestBodyBytes + 1, http.StatusRequestEntityTooLarge, "Request body is larger than 100 MiB"},
		{"cut short", iotest.ErrReader(io.ErrUnexpectedEOF), -1, http.StatusBadRequest, "Could not read the request body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			e := newEcho()
			e.POST("/api/inngest", func(c echo.Context) error {
				raw, err := io.ReadAll(c.Request().Body)
				got = string(raw)
				if err != nil {
					return err
				}
				return c.NoContent(http.StatusOK)
			}, middleware.InngestBody())
			req := httptest.NewRequest(http.MethodPost, "/api/inngest", tt.body)
			req.ContentLength = tt.length
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus != http.StatusOK {
				if msg := errorMessage(t, rec); msg != tt.wantMessage {
					t.Errorf("message = %q, want %q", msg, tt.wantMessage)
				}
				return
			}
			if s, ok := tt.body.(*strings.Reader); ok && int64(len(got)) != s.Size() {
				t.Errorf("the handler read %d bytes, want all %d", len(got), s.Size())
			}
		})
	}
}

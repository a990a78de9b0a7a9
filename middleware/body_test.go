package middleware_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/middleware"
)

func TestBodyLimit(t *testing.T) {
	tests := []struct {
		name       string
		size       int
		declared   bool // Content-Length is set; else the length is unknown
		wantStatus int
		wantRan    bool
	}{
		{"1 MiB declared", middleware.MaxBodyBytes, true, http.StatusOK, true},
		{"1 MiB undeclared", middleware.MaxBodyBytes, false, http.StatusOK, true},
		{"over 1 MiB declared", middleware.MaxBodyBytes + 1, true, http.StatusRequestEntityTooLarge, false},
		{"over 1 MiB undeclared", middleware.MaxBodyBytes + 1, false, http.StatusRequestEntityTooLarge, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran := false
			e := newEcho()
			e.POST("/", func(c echo.Context) error {
				ran = true
				if _, err := io.ReadAll(c.Request().Body); err != nil {
					return err
				}
				return c.NoContent(http.StatusOK)
			}, middleware.BodyLimit())

			req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(make([]byte, tt.size)))
			if !tt.declared {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)

			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
			if ran != tt.wantRan {
				t.Errorf("handler ran = %v, want %v", ran, tt.wantRan)
			}
			if tt.wantStatus != http.StatusOK {
				if msg := errorMessage(t, rec); msg != "Request body is larger than 1 MiB" {
					t.Errorf("message = %q", msg)
				}
			}
		})
	}
}

package handlers

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/middleware"
)

// failingReader stands for a client that disconnects mid-body.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestDecodeJSONRefusesBodiesItCannotRead(t *testing.T) {
	tests := []struct {
		name        string
		body        io.Reader
		wantCode    apperr.Code
		wantMessage string
	}{
		{"client went away", failingReader{}, apperr.Invalid, "Could not read the request body"},
		{"over 1 MiB without BodyLimit", bytes.NewReader(bytes.Repeat([]byte(" "), middleware.MaxBodyBytes+1)), apperr.TooLarge, "Request body is larger than 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/", tt.body), httptest.NewRecorder())
			var v struct{}
			err := decodeJSON(c, &v, true)
			if e, ok := errors.AsType[*apperr.Error](err); !ok || e.Code != tt.wantCode || e.Message != tt.wantMessage {
				t.Errorf("decodeJSON = %v, want %s %q", err, tt.wantCode, tt.wantMessage)
			}
		})
	}
}

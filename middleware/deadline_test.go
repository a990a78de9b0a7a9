package middleware_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/middleware"
)

const testBodyTimeout = 100 * time.Millisecond

// slowBody yields size bytes, one every 20 ms.
type slowBody struct{ left int }

func (b *slowBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(20 * time.Millisecond)
	b.left--
	p[0] = ' '
	return 1, nil
}

// deadlineServer serves POST /fast and /slow, which read their body with
// ReadBody and then wait three body timeouts, answering 200 only if the
// request's context is still alive; and GET /fast, which only waits.
func deadlineServer(t *testing.T) string {
	t.Helper()
	wait := func(c echo.Context) error {
		select {
		case <-c.Request().Context().Done():
			return c.String(http.StatusTeapot, "request context canceled")
		case <-time.After(3 * testBodyTimeout):
			return c.NoContent(http.StatusOK)
		}
	}
	read := func(c echo.Context) error {
		if _, err := middleware.ReadBody(c.Request()); err != nil {
			return err
		}
		return wait(c)
	}
	e := newEcho()
	e.Use(middleware.BodyDeadline(testBodyTimeout, map[string]time.Duration{"/slow": time.Minute}))
	e.POST("/fast", read)
	e.POST("/slow", read)
	e.GET("/fast", wait)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv.URL
}

func send(t *testing.T, method, url string, body io.Reader, size int64) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(answer)
}

func TestBodyDeadlineCutsOffASlowBody(t *testing.T) {
	url := deadlineServer(t)
	status, answer := send(t, http.MethodPost, url+"/fast", &slowBody{left: 1000}, 1000)
	if status != http.StatusRequestTimeout || !strings.Contains(answer, "Request body took too long to arrive") {
		t.Fatalf("slow body = %d %s, want 408", status, answer)
	}
}

func TestBodyDeadlineGivesListedRoutesTheirOwnTimeout(t *testing.T) {
	url := deadlineServer(t)
	// About 300 ms: three times the default timeout, well inside /slow's.
	if status, answer := send(t, http.MethodPost, url+"/slow", &slowBody{left: 15}, 15); status != http.StatusOK {
		t.Fatalf("slow body to /slow = %d %s, want 200", status, answer)
	}
}

// Once the body is in, the deadline is gone: it must not cancel the
// request's context while the handler still works.
func TestBodyDeadlineLeavesTheRequestAloneOnceTheBodyArrived(t *testing.T) {
	url := deadlineServer(t)
	cases := []struct {
		name   string
		method string
		body   io.Reader
		size   int64
	}{
		{"declared length", http.MethodPost, bytes.NewReader(make([]byte, 64<<10)), 64 << 10},
		{"chunked", http.MethodPost, io.MultiReader(bytes.NewReader(make([]byte, 64<<10))), -1},
		{"no body", http.MethodGet, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if status, answer := send(t, c.method, url+"/fast", c.body, c.size); status != http.StatusOK {
				t.Fatalf("%s /fast = %d %s, want 200", c.method, status, answer)
			}
		})
	}
}

// httptest.ResponseRecorder, like Vercel's runtime, takes no read deadline.
func TestBodyDeadlineWithoutReadDeadlinesPassesTheBodyOn(t *testing.T) {
	e := newEcho()
	e.Use(middleware.BodyDeadline(time.Nanosecond, nil))
	e.POST("/", func(c echo.Context) error {
		raw, err := middleware.ReadBody(c.Request())
		if err != nil {
			return err
		}
		return c.String(http.StatusOK, string(raw))
	})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("body")))
	if rec.Code != http.StatusOK || rec.Body.String() != "body" {
		t.Fatalf("got %d %q", rec.Code, rec.Body)
	}
}

package handlers

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/middleware"
	"spark.dev/spark/search"
)

// Bounds of a search request.
const (
	defaultSearchLimit = 10
	maxSearchLimit     = 50
	maxQueryChars      = 500
)

// searchBody is the search request as sent; fields are checked one by one
// so that each mistake gets its own message.
type searchBody struct {
	Query any `json:"query"`
	Mode  any `json:"mode"`
	Limit any `json:"limit"`
}

type searchRequest struct {
	query string
	mode  search.Mode
	limit int
}

// valid returns the request, or the 400 of its first mistake.
func (b searchBody) valid() (searchRequest, error) {
	query, ok := b.Query.(string)
	query = strings.TrimSpace(query)
	if !ok || query == "" {
		return searchRequest{}, apperr.New(apperr.Invalid, "Query is required and must be a string")
	}
	if utf8.RuneCountInString(query) > maxQueryChars {
		return searchRequest{}, apperr.New(apperr.Invalid, "Query must be at most 500 characters")
	}
	mode, _ := b.Mode.(string)
	if !slices.Contains(search.Modes, search.Mode(mode)) {
		return searchRequest{}, apperr.New(apperr.Invalid, "Mode is required and must be one of: keyword, semantic, hybrid")
	}
	limit := defaultSearchLimit
	if b.Limit != nil {
		n, ok := b.Limit.(json.Number)
		value, err := n.Int64()
		if !ok || err != nil || value < 1 || value > maxSearchLimit {
			return searchRequest{}, apperr.New(apperr.Invalid, "Limit must be a number between 1 and 50")
		}
		limit = int(value)
	}
	return searchRequest{query: query, mode: search.Mode(mode), limit: limit}, nil
}

// SearchHighlights searches the caller's highlights.
func SearchHighlights(svc *search.Service) echo.HandlerFunc {
	return func(c echo.Context) error {
		var body searchBody
		if err := decodeJSON(c, &body, false); err != nil {
			return err
		}
		req, err := body.valid()
		if err != nil {
			return err
		}
		results, err := svc.Search(c.Request().Context(), middleware.UserID(c), req.query, req.mode, req.limit)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{
			"results": results, "count": len(results), "mode": req.mode, "query": req.query,
		})
	}
}

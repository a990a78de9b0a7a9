package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/middleware"
)

// jsonSpace is the white space JSON allows around a value; bytes.TrimSpace
// would also take \v, \f and Unicode spaces, passing a body that is not JSON.
const jsonSpace = " \t\r\n"

// decodeJSON decodes the request body, which must be one JSON object, into v.
// An empty or null body decodes as {} when optional is true (trigger routes
// take optional fields only). Wrong types and trailing data are 400s.
func decodeJSON(c echo.Context, v any, optional bool) error {
	raw, err := middleware.ReadBody(c.Request())
	if err != nil {
		return err
	}
	raw = bytes.Trim(raw, jsonSpace)
	if optional && (len(raw) == 0 || string(raw) == "null") {
		raw = []byte("{}")
	}
	if len(raw) == 0 || raw[0] != '{' {
		return apperr.New(apperr.Invalid, "Request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return apperr.Wrap(apperr.Invalid, invalidJSONMessage(err), err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return apperr.New(apperr.Invalid, "Request body must be a single JSON object")
	}
	return nil
}

func invalidJSONMessage(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return fmt.Sprintf("Invalid JSON: %s must be a %s", typeErr.Field, jsonKind(typeErr.Type.Kind().String()))
	}
	return "Invalid JSON in request body"
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "map", "struct":
		return "object"
	case "slice", "array":
		return "list"
	default:
		return "number"
	}
}

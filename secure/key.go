package secure

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// keyEncodings lists every base64 form an operator may paste: standard or URL
// alphabet, padded or not.
var keyEncodings = []*base64.Encoding{
	base64.StdEncoding,
	base64.RawStdEncoding,
	base64.URLEncoding,
	base64.RawURLEncoding,
}

// ParseKey decodes a base64 key of exactly KeySize bytes. Errors say what is
// wrong without repeating the value, since it is a secret.
func ParseKey(b64 string) ([]byte, error) {
	b64 = strings.TrimSpace(b64)
	if b64 == "" {
		return nil, errors.New("secure: key is empty")
	}
	for _, enc := range keyEncodings {
		key, err := enc.DecodeString(b64)
		if err != nil {
			continue
		}
		if len(key) != KeySize {
			return nil, fmt.Errorf("secure: key decodes to %d bytes, want %d (generate one with `openssl rand -base64 32`)", len(key), KeySize)
		}
		return key, nil
	}
	return nil, errors.New("secure: key is not valid base64 (standard or URL alphabet, padded or not)")
}

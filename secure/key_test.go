package secure

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestParseKey(t *testing.T) {
	key := bytes.Repeat([]byte{0xfb, 0xff, 0x3e}, 11)[:KeySize] // bytes that differ between alphabets
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{"standard padded", base64.StdEncoding.EncodeToString(key), ""},
		{"standard unpadded", base64.RawStdEncoding.EncodeToString(key), ""},
		{"URL padded", base64.URLEncoding.EncodeToString(key), ""},
		{"URL unpadded", base64.RawURLEncoding.EncodeToString(key), ""},
		{"surrounding whitespace", " " + base64.StdEncoding.EncodeToString(key) + "\n", ""},
		{"empty", "", "empty"},
		{"not base64", "not*base64*at*all", "not valid base64"},
		{"16 bytes", base64.StdEncoding.EncodeToString(key[:16]), "16 bytes, want 32"},
		{"33 bytes", base64.StdEncoding.EncodeToString(append(key, 0)), "33 bytes, want 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKey(tt.in)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ParseKey: %v", err)
				}
				if !bytes.Equal(got, key) {
					t.Errorf("ParseKey = %x, want %x", got, key)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ParseKey err = %v, want it to mention %q", err, tt.wantErr)
			}
			if tt.in != "" && strings.Contains(err.Error(), tt.in) {
				t.Errorf("error %q echoes the key", err)
			}
		})
	}
}

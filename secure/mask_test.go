package secure

import "testing"

func TestMask(t *testing.T) {
	tests := []struct {
		secret, want string
	}{
		{"", ""},
		{"a", "••••"},
		{"abcd", "••••"},
		{"abcdefg", "••••"},
		{"abcdefgh", "••••efgh"},
		{"rw_0123456789abcdef", "••••cdef"},
		{"ключ-секрет-1234", "••••1234"},
	}
	for _, tt := range tests {
		if got := Mask(tt.secret); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.secret, got, tt.want)
		}
	}
}

func TestIsMasked(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"rw_0123456789abcdef", false},
		{"••••", true},
		{"••••cdef", true},
		{Mask("rw_0123456789abcdef"), true},
		{"x••••cdef", false},
	}
	for _, tt := range tests {
		if got := IsMasked(tt.in); got != tt.want {
			t.Errorf("IsMasked(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLooksSecret(t *testing.T) {
	for field, want := range map[string]bool{
		"apiKey": true, "API_KEY": true, "accessToken": true, "clientSecret": true, "password": true,
		"baseId": false, "tableId": false, "enabled": false, "name": false,
	} {
		if got := LooksSecret(field); got != want {
			t.Errorf("LooksSecret(%q) = %v, want %v", field, got, want)
		}
	}
}

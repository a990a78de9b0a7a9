package secure

import (
	"bytes"
	"errors"
	"testing"
)

func testKey(fill byte) []byte {
	return bytes.Repeat([]byte{fill}, KeySize)
}

func TestNewCipherRejectsWrongKeySize(t *testing.T) {
	for _, size := range []int{0, 16, 31, 33, 64} {
		if _, err := NewCipher(make([]byte, size)); err == nil {
			t.Errorf("NewCipher(%d bytes) succeeded, want error", size)
		}
	}
}

func TestCipherRoundTrip(t *testing.T) {
	c, err := NewCipher(testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, plaintext := range []string{"", "rw_abcdef123456", "ünïcødé key ✓"} {
		ct, err := c.Encrypt(plaintext, "readwise:user-1")
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Decrypt(ct, "readwise:user-1")
		if err != nil {
			t.Fatalf("Decrypt(%q): %v", plaintext, err)
		}
		if got != plaintext {
			t.Errorf("round trip = %q, want %q", got, plaintext)
		}
	}
}

func TestEncryptLayout(t *testing.T) {
	c, _ := NewCipher(testKey(1))
	a, _ := c.Encrypt("secret", "owner")
	b, _ := c.Encrypt("secret", "owner")
	if a[0] != cipherV1 {
		t.Errorf("version byte = %d, want %d", a[0], cipherV1)
	}
	const nonceSize, tagSize = 12, 16
	if want := 1 + nonceSize + len("secret") + tagSize; len(a) != want {
		t.Errorf("ciphertext length = %d, want %d", len(a), want)
	}
	if bytes.Equal(a[1:1+nonceSize], b[1:1+nonceSize]) {
		t.Error("two encryptions reused a nonce")
	}
}

func TestDecryptFailures(t *testing.T) {
	c, _ := NewCipher(testKey(1))
	other, _ := NewCipher(testKey(2))
	ct, _ := c.Encrypt("rw_abcdef123456", "readwise:user-1")

	flip := func(i int) []byte {
		b := bytes.Clone(ct)
		b[i] ^= 0x01
		return b
	}
	tests := []struct {
		name       string
		cipher     *Cipher
		ciphertext []byte
		aad        string
	}{
		{"wrong aad (row copied to another user)", c, ct, "readwise:user-2"},
		{"wrong key", other, ct, "readwise:user-1"},
		{"tampered version byte", c, flip(0), "readwise:user-1"},
		{"tampered nonce", c, flip(1), "readwise:user-1"},
		{"tampered body", c, flip(len(ct) / 2), "readwise:user-1"},
		{"tampered tag", c, flip(len(ct) - 1), "readwise:user-1"},
		{"truncated", c, ct[:len(ct)-1], "readwise:user-1"},
		{"too short", c, ct[:5], "readwise:user-1"},
		{"empty", c, nil, "readwise:user-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cipher.Decrypt(tt.ciphertext, tt.aad)
			if !errors.Is(err, ErrDecrypt) {
				t.Fatalf("Decrypt err = %v, want ErrDecrypt", err)
			}
			if got != "" {
				t.Errorf("Decrypt returned %q on failure", got)
			}
		})
	}
}

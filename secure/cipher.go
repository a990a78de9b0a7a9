// Package secure holds the project's cryptographic primitives: encryption of
// stored third-party credentials, masking of secrets in responses, and
// signatures on job callbacks. It knows nothing about HTTP or storage.
package secure

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
)

// KeySize is the length in bytes of a Cipher key (AES-256).
const KeySize = 32

// cipherV1 marks ciphertexts sealed with AES-256-GCM and a random 12-byte
// nonce. A new version byte lets a later key or algorithm coexist with rows
// written under this one.
const cipherV1 byte = 1

// ErrDecrypt is returned for any ciphertext that cannot be opened: tampered,
// truncated, sealed under another key or for another owner.
var ErrDecrypt = errors.New("secure: cannot decrypt")

// Cipher encrypts credentials at rest. It is safe for concurrent use.
type Cipher struct {
	aead cipher.AEAD
}

// NewCipher returns a Cipher for a 32-byte key (see ParseKey).
func NewCipher(key []byte) (*Cipher, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secure: encryption key is %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secure: %w", err)
	}
	// The random-nonce GCM prepends its 12-byte nonce to every ciphertext.
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("secure: %w", err)
	}
	return &Cipher{aead: aead}, nil
}

// Encrypt seals plaintext for the owner named by aad (e.g. "readwise:<userId>").
// The result is version byte || nonce || ciphertext and tag.
func (c *Cipher) Encrypt(plaintext string, aad string) ([]byte, error) {
	out := []byte{cipherV1}
	return c.aead.Seal(out, nil, []byte(plaintext), additionalData(cipherV1, aad)), nil
}

// Decrypt opens a ciphertext from Encrypt; aad must equal the one used to seal
// it, so a ciphertext copied to another owner fails.
func (c *Cipher) Decrypt(ciphertext []byte, aad string) (string, error) {
	if len(ciphertext) < 1+c.aead.Overhead() {
		return "", fmt.Errorf("%w: ciphertext too short", ErrDecrypt)
	}
	version := ciphertext[0]
	if version != cipherV1 {
		return "", fmt.Errorf("%w: unknown version %d", ErrDecrypt, version)
	}
	plaintext, err := c.aead.Open(nil, nil, ciphertext[1:], additionalData(version, aad))
	if err != nil {
		return "", fmt.Errorf("%w: wrong key, wrong owner or tampered data", ErrDecrypt)
	}
	return string(plaintext), nil
}

// additionalData authenticates the version byte along with the owner, so the
// version cannot be swapped without failing authentication.
func additionalData(version byte, aad string) []byte {
	return append([]byte{version}, aad...)
}

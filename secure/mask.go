package secure

import "strings"

const maskPrefix = "••••"

// maskRevealMin is the shortest secret whose last four characters are shown;
// for shorter ones four characters would be half the secret or more.
const maskRevealMin = 8

// Mask hides a secret for display: "" stays "", a secret of at least eight
// characters becomes "••••" and its last four, a shorter one only "••••".
func Mask(secret string) string {
	if secret == "" {
		return ""
	}
	runes := []rune(secret)
	if len(runes) < maskRevealMin {
		return maskPrefix
	}
	return maskPrefix + string(runes[len(runes)-4:])
}

// IsMasked reports whether s is a value produced by Mask, which a client
// sends back to mean "keep the stored secret".
func IsMasked(s string) bool {
	return strings.HasPrefix(s, maskPrefix)
}

// LooksSecret reports whether a field's name suggests it holds a secret
// (a key, token, secret or password), for places that must not keep one in
// clear whatever a client or an event sends.
func LooksSecret(field string) bool {
	lower := strings.ToLower(field)
	for _, word := range []string{"key", "token", "secret", "password"} {
		if strings.Contains(lower, word) {
			return true
		}
	}
	return false
}

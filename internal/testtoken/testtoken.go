// Package testtoken mints user access tokens for tests, shaped like the ones
// Supabase Auth issues.
package testtoken

import (
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Option changes the claims of a token before it is signed.
type Option func(jwt.MapClaims)

// WithIssuer sets iss, needed when the authenticator under test has a
// Supabase URL (iss is then "<url>/auth/v1").
func WithIssuer(iss string) Option {
	return func(c jwt.MapClaims) { c["iss"] = iss }
}

// WithClaim sets or, with a nil value, removes any claim.
func WithClaim(name string, value any) Option {
	return func(c jwt.MapClaims) {
		if value == nil {
			delete(c, name)
			return
		}
		c[name] = value
	}
}

// HS256 returns a token signed with secret for user sub, valid for ttl (a
// negative ttl gives an expired token), with aud and role "authenticated".
// It panics if a claim cannot be encoded, which only a bad WithClaim causes.
func HS256(secret, sub string, ttl time.Duration, opts ...Option) string {
	now := time.Now()
	claims := jwt.MapClaims{
		"sub":  sub,
		"aud":  "authenticated",
		"role": "authenticated",
		"iat":  now.Unix(),
		"exp":  now.Add(ttl).Unix(),
	}
	for _, opt := range opts {
		opt(claims)
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
	if err != nil {
		panic("testtoken: " + err.Error())
	}
	return signed
}

// UserID is the n-th test user's id: a UUID, as Supabase's sub always is,
// that reads as its number in hex ("…-00000000000a" for 10).
func UserID(n int) string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", n)
}

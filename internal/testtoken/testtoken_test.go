package testtoken

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestHS256(t *testing.T) {
	raw := HS256("secret", UserID(1), time.Minute, WithIssuer("https://x.supabase.co/auth/v1"), WithClaim("role", nil))
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return []byte("secret"), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("authenticated"),
		jwt.WithIssuer("https://x.supabase.co/auth/v1"), jwt.WithExpirationRequired())
	if err != nil {
		t.Fatalf("token does not verify: %v", err)
	}
	if claims["sub"] != UserID(1) {
		t.Errorf("sub = %v, want %s", claims["sub"], UserID(1))
	}
	if _, ok := claims["role"]; ok {
		t.Error("WithClaim(role, nil) left the role claim")
	}
}

func TestHS256NegativeTTLIsExpired(t *testing.T) {
	raw := HS256("secret", UserID(1), -time.Minute)
	_, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return []byte("secret"), nil })
	if err == nil {
		t.Fatal("expired token verified")
	}
}

package middleware

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/internal/testtoken"
)

func TestVerify(t *testing.T) {
	ecKey := newECKey(t, "ec-1")
	rsKey := newRSAKey("rsa-1")
	srv := newSupabaseServer(t, ecKey, rsKey)
	a, _ := newTestAuthenticator(t, AuthConfig{SupabaseURL: srv.URL + "/", JWTSecret: testJWTSecret, HTTPClient: srv.Client()})
	iss := srv.issuer()
	now := time.Now()

	foreignEC, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	noneToken, err := jwt.NewWithClaims(jwt.SigningMethodNone, userClaims(iss, nil)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		token string
		ok    bool
	}{
		{"HS256 signed with the JWT secret", testtoken.HS256(testJWTSecret, testUser, time.Hour, testtoken.WithIssuer(iss)), true},
		{"ES256 with a key from the JWKS", ecKey.sign(t, userClaims(iss, nil)), true},
		{"RS256 with a key from the JWKS", rsKey.sign(t, userClaims(iss, nil)), true},
		{"aud as a list containing the audience", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"aud": []string{"other", "authenticated"}})), true},
		{"sub a UUID in upper case, read in lower case", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"sub": strings.ToUpper(testUser)})), true},
		{"expired within the leeway", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"exp": now.Add(-10 * time.Second).Unix()})), true},

		{"alg none", noneToken, false},
		{"HS256 signed with the RSA public key PEM", signToken(t, jwt.SigningMethodHS256, rsKey.kid, rsKey.publicPEM(t), userClaims(iss, nil)), false},
		{"HS256 signed with another secret", testtoken.HS256("another-secret-another-secret-000", testUser, time.Hour, testtoken.WithIssuer(iss)), false},
		{"ES256 signed by a foreign key with a known kid", signToken(t, jwt.SigningMethodES256, ecKey.kid, foreignEC, userClaims(iss, nil)), false},
		{"ES256 with an unknown kid", signToken(t, jwt.SigningMethodES256, "unknown", foreignEC, userClaims(iss, nil)), false},
		{"ES256 naming the RSA key's kid", signToken(t, jwt.SigningMethodES256, rsKey.kid, ecKey.private, userClaims(iss, nil)), false},
		{"expired", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"exp": now.Add(-time.Hour).Unix()})), false},
		{"nbf in the future", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"nbf": now.Add(time.Hour).Unix()})), false},
		{"iat in the future", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"iat": now.Add(time.Hour).Unix()})), false},
		{"missing exp", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"exp": nil})), false},
		{"wrong aud", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"aud": "anon"})), false},
		{"missing aud", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"aud": nil})), false},
		{"wrong iss (legacy anon key)", ecKey.sign(t, userClaims("supabase", nil)), false},
		{"missing iss", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"iss": nil})), false},
		{"missing sub", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"sub": nil})), false},
		{"empty sub", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"sub": ""})), false},
		{"sub not a UUID", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"sub": "user-1"})), false},
		{"sub a UUID with more around it", ecKey.sign(t, userClaims(iss, jwt.MapClaims{"sub": testUser + " "})), false},
		{"garbage", "not.a.token", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			userID, err := a.Verify(t.Context(), tt.token)
			if tt.ok {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if userID != testUser {
					t.Errorf("userID = %q, want %s", userID, testUser)
				}
				return
			}
			if err == nil {
				t.Fatalf("Verify accepted the token as %q", userID)
			}
			t.Logf("rejected: %v", err)
			if userID != "" {
				t.Errorf("Verify returned user %q with an error", userID)
			}
		})
	}
}

func TestNewAuthenticatorDoesNoNetworkIO(t *testing.T) {
	ecKey := newECKey(t, "ec-1")
	srv := newSupabaseServer(t, ecKey)
	a, _ := newTestAuthenticator(t, AuthConfig{SupabaseURL: srv.URL, JWTSecret: testJWTSecret, HTTPClient: srv.Client()})
	if n := srv.requests.Load(); n != 0 {
		t.Fatalf("NewAuthenticator made %d JWKS requests, want 0", n)
	}

	if _, err := a.Verify(t.Context(), testtoken.HS256(testJWTSecret, testUser, time.Hour, testtoken.WithIssuer(srv.issuer()))); err != nil {
		t.Fatalf("Verify HS256: %v", err)
	}
	if n := srv.requests.Load(); n != 0 {
		t.Fatalf("an HS256 token made %d JWKS requests, want 0", n)
	}

	if _, err := a.Verify(t.Context(), ecKey.sign(t, userClaims(srv.issuer(), nil))); err != nil {
		t.Fatalf("Verify ES256: %v", err)
	}
	if n := srv.requests.Load(); n != 1 {
		t.Fatalf("the first ES256 token made %d JWKS requests, want 1", n)
	}
}

func TestVerifyRefreshesJWKSOnUnknownKID(t *testing.T) {
	oldKey, newKey := newECKey(t, "ec-old"), newECKey(t, "ec-new")
	srv := newSupabaseServer(t, oldKey)
	a, _ := newTestAuthenticator(t, AuthConfig{SupabaseURL: srv.URL, HTTPClient: srv.Client()})

	if _, err := a.Verify(t.Context(), oldKey.sign(t, userClaims(srv.issuer(), nil))); err != nil {
		t.Fatalf("Verify with the old key: %v", err)
	}
	srv.rotate(oldKey, newKey)
	if _, err := a.Verify(t.Context(), newKey.sign(t, userClaims(srv.issuer(), nil))); err != nil {
		t.Fatalf("Verify with the rotated-in key: %v", err)
	}
	if n := srv.requests.Load(); n != 2 {
		t.Errorf("JWKS requests = %d, want 2 (first use, then the unknown kid)", n)
	}
}

func TestVerifyFailsClosedWhenJWKSUnavailable(t *testing.T) {
	ecKey := newECKey(t, "ec-1")
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}))
	t.Cleanup(down.Close)
	a, logs := newTestAuthenticator(t, AuthConfig{SupabaseURL: down.URL, HTTPClient: down.Client()})

	if _, err := a.Verify(t.Context(), ecKey.sign(t, userClaims(down.URL+"/auth/v1", nil))); err == nil {
		t.Fatal("token accepted while the JWKS is unavailable")
	}
	if !strings.Contains(logs.String(), "JWKS fetch failed") {
		t.Errorf("JWKS failure not logged; logs: %q", logs)
	}
}

func TestVerifyWithOnlyJWTSecretRejectsAsymmetricTokens(t *testing.T) {
	ecKey, rsKey := newECKey(t, "ec-1"), newRSAKey("rsa-1")
	a, _ := newTestAuthenticator(t, AuthConfig{JWTSecret: testJWTSecret})

	if _, err := a.Verify(t.Context(), testtoken.HS256(testJWTSecret, testUser, time.Hour)); err != nil {
		t.Fatalf("Verify HS256 without iss: %v", err)
	}
	for _, k := range []signingKey{ecKey, rsKey} {
		if _, err := a.Verify(t.Context(), k.sign(t, userClaims("", nil))); err == nil {
			t.Errorf("%s token accepted with no JWKS configured", k.method.Alg())
		}
	}
}

func TestVerifyWithOnlyJWKSRejectsHS256(t *testing.T) {
	rsKey := newRSAKey("rsa-1")
	srv := newSupabaseServer(t, rsKey)
	a, _ := newTestAuthenticator(t, AuthConfig{SupabaseURL: srv.URL, HTTPClient: srv.Client()})

	confused := signToken(t, jwt.SigningMethodHS256, rsKey.kid, rsKey.publicPEM(t), userClaims(srv.issuer(), nil))
	if _, err := a.Verify(t.Context(), confused); err == nil {
		t.Fatal("HS256 token signed with the RSA public key PEM accepted")
	}
	if _, err := a.Verify(t.Context(), rsKey.sign(t, userClaims(srv.issuer(), nil))); err != nil {
		t.Fatalf("Verify RS256: %v", err)
	}
}

func TestVerifyWithNoVerifierRejectsEveryToken(t *testing.T) {
	a, logs := newTestAuthenticator(t, AuthConfig{})
	if !strings.Contains(logs.String(), "bearer routes will answer 401") {
		t.Errorf("construction did not warn; logs: %q", logs)
	}
	if _, err := a.Verify(t.Context(), testtoken.HS256("", testUser, time.Hour)); err == nil {
		t.Fatal("token accepted with no verifier configured")
	}
}

func TestVerifyHonoursConfiguredAudience(t *testing.T) {
	a, _ := newTestAuthenticator(t, AuthConfig{JWTSecret: testJWTSecret, Audience: "spark"})
	if _, err := a.Verify(t.Context(), testtoken.HS256(testJWTSecret, testUser, time.Hour, testtoken.WithClaim("aud", "spark"))); err != nil {
		t.Fatalf("Verify aud=spark: %v", err)
	}
	if _, err := a.Verify(t.Context(), testtoken.HS256(testJWTSecret, testUser, time.Hour)); err == nil {
		t.Fatal("aud=authenticated accepted when the audience is spark")
	}
}

func TestNewAuthenticatorRejectsInvalidSupabaseURL(t *testing.T) {
	for _, u := range []string{"example.supabase.co", "ftp://example.supabase.co", "https://", "://bad"} {
		if _, err := NewAuthenticator(t.Context(), AuthConfig{SupabaseURL: u, Audience: testAudience}); err == nil {
			t.Errorf("NewAuthenticator(SupabaseURL %q) succeeded, want error", u)
		}
	}
}

func TestNewAuthenticatorRequiresAnAudience(t *testing.T) {
	if _, err := NewAuthenticator(t.Context(), AuthConfig{JWTSecret: testJWTSecret}); err == nil {
		t.Error("NewAuthenticator without an audience succeeded, want error")
	}
}

func TestRequireUser(t *testing.T) {
	a, logs := newTestAuthenticator(t, AuthConfig{JWTSecret: testJWTSecret})
	valid := testtoken.HS256(testJWTSecret, testUser, time.Hour)
	expired := testtoken.HS256(testJWTSecret, testUser, -time.Hour)

	tests := []struct {
		name        string
		header      string
		wantMessage string // "" means the handler runs
	}{
		{"valid bearer token", "Bearer " + valid, ""},
		{"scheme in lower case", "bearer " + valid, ""},
		{"scheme in upper case", "BEARER " + valid, ""},
		{"missing header", "", "Authentication required"},
		{"basic credentials", "Basic dXNlcjpwYXNz", "Authentication required"},
		{"scheme without token", "Bearer", "Authentication required"},
		{"scheme with blank token", "Bearer   ", "Authentication required"},
		{"token without scheme", valid, "Authentication required"},
		{"garbage token", "Bearer garbage", "Authentication failed"},
		{"expired token", "Bearer " + expired, "Authentication failed"},
		{"sub not a UUID", "Bearer " + testtoken.HS256(testJWTSecret, "user-1", time.Hour), "Authentication failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/api/readwise", nil)
			if tt.header != "" {
				req.Header.Set(echo.HeaderAuthorization, tt.header)
			}
			c := echo.New().NewContext(req, httptest.NewRecorder())
			var reached string
			handler := a.RequireUser()(func(c echo.Context) error {
				reached = UserID(c)
				return nil
			})

			err := handler(c)

			if tt.wantMessage == "" {
				if err != nil {
					t.Fatalf("middleware returned %v", err)
				}
				if reached != testUser {
					t.Errorf("handler saw user %q, want %s", reached, testUser)
				}
				return
			}
			if e, ok := errors.AsType[*apperr.Error](err); !ok || e.Code != apperr.Unauthorized || e.Message != tt.wantMessage {
				t.Fatalf("middleware returned %v, want Unauthorized %q", err, tt.wantMessage)
			}
			if reached != "" {
				t.Error("handler ran without a valid token")
			}
		})
	}
	if strings.Contains(logs.String(), expired) {
		t.Error("a token was written to the log")
	}
	if !strings.Contains(logs.String(), "bearer token rejected") {
		t.Errorf("rejections were not logged; logs: %q", logs)
	}
}

func TestUserIDWithoutRequireUser(t *testing.T) {
	c := echo.New().NewContext(httptest.NewRequest(http.MethodGet, "/", nil), httptest.NewRecorder())
	if id := UserID(c); id != "" {
		t.Errorf("UserID = %q, want empty", id)
	}
}

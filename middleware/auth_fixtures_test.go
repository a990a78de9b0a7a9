package middleware

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
	"spark.dev/spark/internal/testtoken"
)

const testJWTSecret = "legacy-supabase-jwt-secret-of-32-chars"

// testAudience is the aud of Supabase user tokens, which the fixtures (and
// testtoken) sign.
const testAudience = "authenticated"

// signingKey is one key of the fake Supabase project.
type signingKey struct {
	kid     string
	method  jwt.SigningMethod
	private crypto.Signer
}

func newECKey(t *testing.T, kid string) signingKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signingKey{kid: kid, method: jwt.SigningMethodES256, private: k}
}

// rsaKey is generated once: 2048-bit generation is slow.
var rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

func newRSAKey(kid string) signingKey {
	return signingKey{kid: kid, method: jwt.SigningMethodRS256, private: rsaKey()}
}

// publicPEM is what an attacker can download and try as an HMAC secret.
func (k signingKey) publicPEM(t *testing.T) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(k.private.Public())
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// sign returns a token for claims signed with k and carrying its kid.
func (k signingKey) sign(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	return signToken(t, k.method, k.kid, k.private, claims)
}

func signToken(t *testing.T, method jwt.SigningMethod, kid string, key any, claims jwt.MapClaims) string {
	t.Helper()
	token := jwt.NewWithClaims(method, claims)
	if kid != "" {
		token.Header["kid"] = kid
	}
	signed, err := token.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// testUser is the user of the tokens the tests sign.
var testUser = testtoken.UserID(1)

// userClaims are the claims of a valid Supabase access token for testUser,
// modified by the given edits (a nil value removes the claim).
func userClaims(issuer string, edits jwt.MapClaims) jwt.MapClaims {
	now := time.Now()
	c := jwt.MapClaims{
		"iss":  issuer,
		"sub":  testUser,
		"aud":  testAudience,
		"role": "authenticated",
		"iat":  now.Unix(),
		"exp":  now.Add(time.Hour).Unix(),
	}
	for name, value := range edits {
		if value == nil {
			delete(c, name)
			continue
		}
		c[name] = value
	}
	return c
}

// supabaseServer serves the JWKS of a fake Supabase project and counts the
// requests it receives.
type supabaseServer struct {
	*httptest.Server
	requests atomic.Int32
	mu       sync.Mutex
	keys     []signingKey
}

func newSupabaseServer(t *testing.T, keys ...signingKey) *supabaseServer {
	t.Helper()
	s := &supabaseServer{keys: keys}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serveJWKS))
	t.Cleanup(s.Close)
	return s
}

func (s *supabaseServer) issuer() string { return s.URL + "/auth/v1" }

// rotate replaces the published keys, as a Supabase key rotation does.
func (s *supabaseServer) rotate(keys ...signingKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = keys
}

func (s *supabaseServer) serveJWKS(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if r.URL.Path != "/auth/v1/.well-known/jwks.json" {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var set jwkset.JWKSMarshal
	for _, k := range s.keys {
		jwk, err := jwkset.NewJWKFromKey(k.private.Public(), jwkset.JWKOptions{
			Metadata: jwkset.JWKMetadataOptions{KID: k.kid, ALG: jwkset.ALG(k.method.Alg()), USE: jwkset.UseSig},
		})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		set.Keys = append(set.Keys, jwk.Marshal())
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(set)
}

// newTestAuthenticator builds an Authenticator whose debug log goes to the
// returned buffer; the audience is testAudience unless cfg names one.
func newTestAuthenticator(t *testing.T, cfg AuthConfig) (*Authenticator, *bytes.Buffer) {
	t.Helper()
	if cfg.Audience == "" {
		cfg.Audience = testAudience
	}
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := NewAuthenticator(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a, &logs
}

package middleware

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"

	"spark.dev/spark/apperr"
	"spark.dev/spark/store"
)

// tokenLeeway absorbs clock skew between Supabase and this server.
const tokenLeeway = 30 * time.Second

// userIDKey is where RequireUser leaves the user id in the echo.Context.
const userIDKey = "auth.userID"

var errNoVerifier = errors.New("no token verifier configured")

// AuthConfig says which user tokens an Authenticator accepts.
type AuthConfig struct {
	// SupabaseURL enables ES256/RS256 tokens whose key is in the project's
	// JWKS, and requires iss = SupabaseURL + "/auth/v1".
	SupabaseURL string
	// JWTSecret enables HS256 tokens signed with the legacy Supabase secret,
	// used as raw bytes the way Supabase Auth does.
	JWTSecret string
	// Audience is the aud a token must carry (config's AUTH_AUDIENCE).
	Audience string
	// HTTPClient fetches the JWKS; nil means http.DefaultClient. Every fetch
	// is bounded by a timeout either way.
	HTTPClient *http.Client
	// Logger receives the reasons tokens are rejected; nil means slog.Default().
	Logger *slog.Logger
}

// Authenticator verifies bearer tokens issued by Supabase Auth.
type Authenticator struct {
	parser     *jwt.Parser // nil when no verifier is configured
	hmacSecret []byte      // nil unless HS256 is accepted
	jwks       func() (keyfunc.Keyfunc, error)
	log        *slog.Logger
}

// NewAuthenticator prepares token verification without any network I/O: the
// JWKS is fetched when the first token that needs it arrives. ctx bounds the
// life of the JWKS refresh goroutine.
func NewAuthenticator(ctx context.Context, cfg AuthConfig) (*Authenticator, error) {
	a := &Authenticator{log: cfg.Logger}
	if a.log == nil {
		a.log = slog.Default()
	}
	if cfg.Audience == "" {
		return nil, errors.New("middleware: no token audience configured")
	}
	opts := []jwt.ParserOption{
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(tokenLeeway),
	}
	var methods []string
	if cfg.JWTSecret != "" {
		a.hmacSecret = []byte(cfg.JWTSecret)
		methods = append(methods, "HS256")
	}
	if cfg.SupabaseURL != "" {
		issuer, err := supabaseIssuer(cfg.SupabaseURL)
		if err != nil {
			return nil, err
		}
		a.jwks = lazyJWKS(ctx, issuer+jwksPath, cfg.HTTPClient, a.log)
		methods = append(methods, "ES256", "RS256")
		opts = append(opts, jwt.WithIssuer(issuer))
	}
	if len(methods) == 0 {
		a.log.WarnContext(ctx, "no token verifier configured (SUPABASE_URL, SUPABASE_JWT_SECRET): bearer routes will answer 401")
		return a, nil
	}
	a.parser = jwt.NewParser(append(opts, jwt.WithValidMethods(methods))...)
	return a, nil
}

// supabaseIssuer returns the iss of the project's tokens, "<url>/auth/v1".
func supabaseIssuer(supabaseURL string) (string, error) {
	base := strings.TrimRight(supabaseURL, "/")
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("middleware: SUPABASE_URL %q is not an absolute http(s) URL", supabaseURL)
	}
	return base + "/auth/v1", nil
}

// Verify checks a raw token and returns its subject, the user id.
func (a *Authenticator) Verify(ctx context.Context, raw string) (userID string, err error) {
	if a.parser == nil {
		return "", errNoVerifier
	}
	var claims jwt.RegisteredClaims
	if _, err := a.parser.ParseWithClaims(raw, &claims, a.keyFor(ctx)); err != nil {
		return "", err
	}
	if claims.Subject == "" {
		return "", errors.New("token has no sub")
	}
	// Supabase's sub is always a UUID, and the store keeps user ids in uuid
	// columns: anything else never reaches it. Lower case is the form both
	// engines compare.
	sub := strings.ToLower(claims.Subject)
	if !store.IsUserID(sub) {
		return "", errors.New("token sub is not a UUID")
	}
	return sub, nil
}

// keyFor picks where the key comes from by algorithm: an HS256 token is only
// ever checked against JWTSecret, never against public key material from the
// JWKS (algorithm confusion). keyfunc also insists that a JWK's alg matches
// the token's.
func (a *Authenticator) keyFor(ctx context.Context) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) {
		switch t.Method.Alg() {
		case "HS256":
			if a.hmacSecret != nil {
				return a.hmacSecret, nil
			}
		case "ES256", "RS256":
			if a.jwks != nil {
				kf, err := a.jwks()
				if err != nil {
					return nil, err
				}
				return kf.KeyfuncCtx(ctx)(t)
			}
		}
		return nil, fmt.Errorf("algorithm %s not accepted", t.Method.Alg())
	}
}

// RequireUser lets a request through only with a valid bearer token and
// leaves the user id for UserID. A missing or non-Bearer Authorization
// header is "Authentication required"; a token that fails for any reason is
// "Authentication failed", with the reason logged, never returned.
func (a *Authenticator) RequireUser() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			raw, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
			if !ok {
				return apperr.New(apperr.Unauthorized, "Authentication required")
			}
			ctx := c.Request().Context()
			userID, err := a.Verify(ctx, raw)
			if err != nil {
				a.log.DebugContext(ctx, "bearer token rejected", "path", c.Path(), "reason", err.Error())
				return apperr.New(apperr.Unauthorized, "Authentication failed")
			}
			c.Set(userIDKey, userID)
			return next(c)
		}
	}
}

// UserID returns the id of the user RequireUser let through, or "".
func UserID(c echo.Context) string {
	id, _ := c.Get(userIDKey).(string)
	return id
}

// bearerToken extracts the token of an "Authorization: Bearer <token>"
// header; the scheme is case-insensitive (RFC 9110).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

package secure

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CallbackSignatureHeader carries the signature of a job → API callback.
const CallbackSignatureHeader = "X-Spark-Signature"

// CallbackTolerance is how far a callback's timestamp may lie from the
// receiver's clock, in either direction, before it counts as a replay.
const CallbackTolerance = 5 * time.Minute

// ErrCallbackSignature is wrapped by every VerifyCallback failure.
var ErrCallbackSignature = errors.New("secure: invalid callback signature")

// SignCallback returns the X-Spark-Signature value for body sent at the given
// time: "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>".
func SignCallback(secret []byte, at time.Time, body []byte) string {
	t := strconv.FormatInt(at.Unix(), 10)
	return "t=" + t + ",v1=" + hex.EncodeToString(callbackMAC(secret, t, body))
}

// VerifiedCallback names a callback whose signature checked out.
type VerifiedCallback struct {
	// Nonce is the signature's MAC in lower-case hex: only the holder of the
	// secret can make one, and each is bound to one timestamp and body, so it
	// names this callback across every way of writing its header.
	Nonce string
	// Expires is when the timestamp leaves the tolerance: from then on the
	// callback is refused as stale, so it need not be remembered longer.
	Expires time.Time
}

// VerifyCallback checks a header from SignCallback against body and the
// receiver's clock. An empty secret rejects everything: anyone can compute an
// HMAC under an empty key. It cannot tell a replay inside the tolerance from
// the first delivery: the caller accepts each Nonce once.
func VerifyCallback(secret []byte, header string, body []byte, now time.Time) (VerifiedCallback, error) {
	if len(secret) == 0 {
		return VerifiedCallback{}, fmt.Errorf("%w: no secret configured", ErrCallbackSignature)
	}
	if header == "" {
		return VerifiedCallback{}, fmt.Errorf("%w: header missing", ErrCallbackSignature)
	}
	t, mac, err := parseCallbackHeader(header)
	if err != nil {
		return VerifiedCallback{}, err
	}
	sentAt, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return VerifiedCallback{}, fmt.Errorf("%w: timestamp is not unix seconds", ErrCallbackSignature)
	}
	if skew := now.Sub(time.Unix(sentAt, 0)); skew > CallbackTolerance || skew < -CallbackTolerance {
		return VerifiedCallback{}, fmt.Errorf("%w: timestamp %s away from now", ErrCallbackSignature, skew.Round(time.Second))
	}
	if !hmac.Equal(mac, callbackMAC(secret, t, body)) {
		return VerifiedCallback{}, fmt.Errorf("%w: signature mismatch", ErrCallbackSignature)
	}
	return VerifiedCallback{Nonce: hex.EncodeToString(mac), Expires: time.Unix(sentAt, 0).Add(CallbackTolerance)}, nil
}

// parseCallbackHeader returns the t and decoded v1 fields; unknown fields are
// ignored so a later scheme (v2) can be sent alongside v1.
func parseCallbackHeader(header string) (t string, mac []byte, err error) {
	var v1 string
	for field := range strings.SplitSeq(header, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok {
			return "", nil, fmt.Errorf("%w: malformed header", ErrCallbackSignature)
		}
		switch key {
		case "t":
			if t != "" {
				return "", nil, fmt.Errorf("%w: repeated t", ErrCallbackSignature)
			}
			t = value
		case "v1":
			if v1 != "" {
				return "", nil, fmt.Errorf("%w: repeated v1", ErrCallbackSignature)
			}
			v1 = value
		}
	}
	if t == "" || v1 == "" {
		return "", nil, fmt.Errorf("%w: t or v1 missing", ErrCallbackSignature)
	}
	mac, err = hex.DecodeString(v1)
	if err != nil {
		return "", nil, fmt.Errorf("%w: v1 is not hex", ErrCallbackSignature)
	}
	return t, mac, nil
}

func callbackMAC(secret []byte, t string, body []byte) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(t))
	h.Write([]byte("."))
	h.Write(body)
	return h.Sum(nil)
}

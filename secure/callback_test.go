package secure

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSignCallbackKnownAnswer(t *testing.T) {
	got := SignCallback([]byte("secret"), time.Unix(1700000000, 0), []byte(`{"userId":"u1"}`))
	// Computed with: printf '%s' '1700000000.{"userId":"u1"}' | openssl dgst -sha256 -hmac secret
	want := "t=1700000000,v1=90fbb1c643b65a1f2ede103ea1c2c7ce7c874774fb0927f156f320033a541b1a"
	if got != want {
		t.Errorf("SignCallback = %q, want %q", got, want)
	}
}

func TestVerifyCallback(t *testing.T) {
	secret := []byte("callback-secret")
	body := []byte(`{"userId":"u1","bookCount":3}`)
	now := time.Unix(1700000000, 0)
	valid := SignCallback(secret, now, body)
	ts := strconv.FormatInt(now.Unix(), 10)
	mac := strings.TrimPrefix(valid, "t="+ts+",v1=")

	tests := []struct {
		name    string
		secret  []byte
		header  string
		body    []byte
		now     time.Time
		wantErr bool
	}{
		{"valid", secret, valid, body, now, false},
		{"valid with fields swapped and spaces", secret, "v1=" + mac + ", t=" + ts, body, now, false},
		{"valid with an unknown extra field", secret, valid + ",v2=abc", body, now, false},
		{"valid 5 minutes later", secret, valid, body, now.Add(CallbackTolerance), false},
		{"valid from a clock 5 minutes behind", secret, valid, body, now.Add(-CallbackTolerance), false},
		{"empty body signed", secret, SignCallback(secret, now, nil), nil, now, false},
		{"valid with the MAC in upper case", secret, "t=" + ts + ",v1=" + strings.ToUpper(mac), body, now, false},

		{"wrong secret", []byte("other-secret"), valid, body, now, true},
		{"empty secret", nil, SignCallback(nil, now, body), body, now, true},
		{"tampered body", secret, valid, []byte(`{"userId":"u2","bookCount":3}`), now, true},
		{"body with trailing byte", secret, valid, append(append([]byte{}, body...), ' '), now, true},
		{"stale", secret, valid, body, now.Add(CallbackTolerance + time.Second), true},
		{"from the future", secret, valid, body, now.Add(-CallbackTolerance - time.Second), true},
		{"timestamp changed", secret, "t=" + strconv.FormatInt(now.Unix()+1, 10) + ",v1=" + mac, body, now, true},

		{"missing header", secret, "", body, now, true},
		{"garbage", secret, "garbage", body, now, true},
		{"missing t", secret, "v1=" + mac, body, now, true},
		{"missing v1", secret, "t=" + ts, body, now, true},
		{"empty t", secret, "t=,v1=" + mac, body, now, true},
		{"empty v1", secret, "t=" + ts + ",v1=", body, now, true},
		{"t not a number", secret, "t=yesterday,v1=" + mac, body, now, true},
		{"v1 not hex", secret, "t=" + ts + ",v1=" + strings.Repeat("zz", 32), body, now, true},
		{"v1 truncated", secret, "t=" + ts + ",v1=" + mac[:62], body, now, true},
		{"repeated t", secret, "t=" + ts + ",t=" + ts + ",v1=" + mac, body, now, true},
		{"repeated v1", secret, valid + ",v1=" + mac, body, now, true},
		{"field without =", secret, valid + ",x", body, now, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifyCallback(tt.secret, tt.header, tt.body, tt.now)
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("VerifyCallback: %v", err)
				}
				if tt.header == valid && got != (VerifiedCallback{Nonce: mac, Expires: now.Add(CallbackTolerance)}) {
					t.Errorf("VerifyCallback = %+v, want nonce %s expiring %v", got, mac, now.Add(CallbackTolerance))
				}
				return
			}
			if !errors.Is(err, ErrCallbackSignature) {
				t.Fatalf("VerifyCallback err = %v, want ErrCallbackSignature", err)
			}
		})
	}
}

// However its header is written, one callback has one nonce.
func TestVerifyCallbackNonceIgnoresHowTheHeaderIsWritten(t *testing.T) {
	secret := []byte("callback-secret")
	body := []byte(`{"userId":"u1","bookCount":3}`)
	now := time.Unix(1700000000, 0)
	valid := SignCallback(secret, now, body)
	mac := strings.TrimPrefix(valid, "t=1700000000,v1=")
	for _, header := range []string{valid, "v1=" + mac + ", t=1700000000", valid + ",v2=abc", "t=1700000000,v1=" + strings.ToUpper(mac)} {
		got, err := VerifyCallback(secret, header, body, now)
		if err != nil || got.Nonce != mac {
			t.Errorf("VerifyCallback(%q) = %+v, %v; want nonce %s", header, got, err, mac)
		}
	}
	if later, _ := VerifyCallback(secret, SignCallback(secret, now.Add(time.Second), body), body, now); later.Nonce == mac {
		t.Error("the same body signed a second later has the same nonce")
	}
}

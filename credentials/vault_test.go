package credentials_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"spark.dev/spark/credentials"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
	"spark.dev/spark/store/sqlite"
)

func newVault(t *testing.T, st store.Store, keyByte byte) *credentials.Vault {
	t.Helper()
	c, err := secure.NewCipher(bytes.Repeat([]byte{keyByte}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return credentials.NewVault(st, c)
}

func TestVaultEncryptsAndBindsTokensToTheirOwner(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "spark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v := newVault(t, st, 1)
	if err := v.Put(ctx, "u1", store.Airtable, credentials.Credential{Token: "pat-secret-1234", BaseID: "appB", TableID: "tblT"}); err != nil {
		t.Fatal(err)
	}
	row, err := st.GetCredential(ctx, "u1", store.Airtable)
	if err != nil || bytes.Contains(row.Secret, []byte("pat-secret")) || row.BaseID != "appB" {
		t.Fatalf("stored row %+v, %v: want ciphertext and the base in clear", row, err)
	}
	if got, err := v.Get(ctx, "u1", store.Airtable); err != nil || got.Token != "pat-secret-1234" || got.TableID != "tblT" {
		t.Fatalf("Get = %+v, %v", got, err)
	}

	// A row copied to another user does not decrypt for them.
	row.UserID = "u2"
	if err := st.PutCredential(ctx, row); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Token(ctx, "u2", store.Airtable); !errors.Is(err, credentials.ErrMissing) {
		t.Fatalf("a copied row decrypted for another user: %v", err)
	}

	// After ENCRYPTION_KEY changes, a stored token counts as missing, so the
	// user can enter it again; where it pointed stays.
	got, err := newVault(t, st, 2).Get(ctx, "u1", store.Airtable)
	if !errors.Is(err, credentials.ErrMissing) || got.Token != "" || got.BaseID != "appB" {
		t.Fatalf("with another key Get = %+v, %v; want ErrMissing and the base", got, err)
	}
}

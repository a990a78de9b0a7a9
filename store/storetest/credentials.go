package storetest

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/internal/testtoken"
	"spark.dev/spark/store"
)

func testCredentialNotFound(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.PutCredential(ctx, store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutCredential(ctx, store.Credential{UserID: userB, Provider: store.Readwise, Secret: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetCredential(ctx, userA, store.Readwise); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetCredential(user-a, readwise) = %v, want ErrNotFound", err)
	}
	if _, err := s.GetCredential(ctx, userC, store.Airtable); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetCredential(user-c, airtable) = %v, want ErrNotFound", err)
	}
}

func testCredentialRoundTrip(t *testing.T, s store.Store) {
	tests := []store.Credential{
		{UserID: userA, Provider: store.Readwise, Secret: []byte("\x00ciphertext\xff")},
		{UserID: userA, Provider: store.Airtable, Secret: []byte("sealed"), BaseID: "appBase", TableID: "tblTable"},
	}
	for _, want := range tests {
		t.Run(string(want.Provider), func(t *testing.T) {
			before := time.Now().UTC().Truncate(time.Microsecond)
			if err := s.PutCredential(t.Context(), want); err != nil {
				t.Fatalf("PutCredential: %v", err)
			}
			after := time.Now()
			got, err := s.GetCredential(t.Context(), want.UserID, want.Provider)
			if err != nil {
				t.Fatalf("GetCredential: %v", err)
			}
			if got.UserID != want.UserID || got.Provider != want.Provider || !bytes.Equal(got.Secret, want.Secret) ||
				got.BaseID != want.BaseID || got.TableID != want.TableID {
				t.Errorf("GetCredential = %+v, want %+v", got, want)
			}
			if got.UpdatedAt.Location() != time.UTC || got.UpdatedAt.Before(before) || got.UpdatedAt.After(after) {
				t.Errorf("UpdatedAt = %v, want a UTC time within [%v, %v]", got.UpdatedAt, before, after)
			}
		})
	}
}

func testCredentialReplaced(t *testing.T, s store.Store) {
	ctx := t.Context()
	first := store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("old"), BaseID: "appOld", TableID: "tblOld"}
	second := store.Credential{UserID: userA, Provider: store.Airtable, Secret: []byte("new"), BaseID: "appNew"}
	for _, c := range []store.Credential{first, second} {
		if err := s.PutCredential(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.GetCredential(ctx, userA, store.Airtable)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Secret) != "new" || got.BaseID != "appNew" || got.TableID != "" {
		t.Errorf("GetCredential = %+v, want the second credential whole", got)
	}
}

func testCredentialDelete(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, c := range []store.Credential{
		{UserID: userA, Provider: store.Readwise, Secret: []byte("a-rw")},
		{UserID: userA, Provider: store.Airtable, Secret: []byte("a-at")},
		{UserID: userB, Provider: store.Readwise, Secret: []byte("b-rw")},
	} {
		if err := s.PutCredential(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 { // the second delete finds nothing and is still no error
		if err := s.DeleteCredential(ctx, userA, store.Readwise); err != nil {
			t.Fatalf("DeleteCredential: %v", err)
		}
	}
	if _, err := s.GetCredential(ctx, userA, store.Readwise); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted credential: err = %v, want ErrNotFound", err)
	}
	for _, kept := range []struct {
		user string
		p    store.Provider
	}{{userA, store.Airtable}, {userB, store.Readwise}} {
		if _, err := s.GetCredential(ctx, kept.user, kept.p); err != nil {
			t.Errorf("GetCredential(%s, %s) after deleting another: %v", kept.user, kept.p, err)
		}
	}
}

func testUsersWithCredentialPages(t *testing.T, s store.Store) {
	ctx := t.Context()
	const users, pageSize = 2500, 1000
	var want []string
	for _, i := range rand.Perm(users) { // insertion order must not matter
		id := testtoken.UserID(i)
		want = append(want, id)
		if err := s.PutCredential(ctx, store.Credential{UserID: id, Provider: store.Readwise, Secret: []byte("s")}); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 { // some readwise users also use airtable
			if err := s.PutCredential(ctx, store.Credential{UserID: id, Provider: store.Airtable, Secret: []byte("s")}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 100 { // airtable-only users must not appear
		id := testtoken.UserID(users + i)
		if err := s.PutCredential(ctx, store.Credential{UserID: id, Provider: store.Airtable, Secret: []byte("s")}); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(want)

	var sizes []int
	var all []string
	after := ""
	for {
		page, err := s.UsersWithCredential(ctx, store.Readwise, after, pageSize)
		if err != nil {
			t.Fatalf("UsersWithCredential(after %q): %v", after, err)
		}
		if len(page) == 0 {
			break
		}
		sizes = append(sizes, len(page))
		all = append(all, page...)
		after = page[len(page)-1]
	}
	if !slices.Equal(sizes, []int{1000, 1000, 500}) {
		t.Errorf("page sizes = %v, want [1000 1000 500]", sizes)
	}
	if !slices.Equal(all, want) {
		t.Errorf("paged %d ids, want all %d in byte order without duplicates", len(all), len(want))
	}
}

func testUsersWithCredentialCursor(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, b, c, d := testtoken.UserID(0xa0), testtoken.UserID(0xb0), testtoken.UserID(0xc0), testtoken.UserID(0xd0)
	for _, id := range []string{b, d, a, c} {
		if err := s.PutCredential(ctx, store.Credential{UserID: id, Provider: store.Readwise, Secret: []byte("s")}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		after string
		limit int
		want  []string
	}{
		{"", 10, []string{a, b, c, d}},
		{"", 2, []string{a, b}},
		{b, 10, []string{c, d}},
		{testtoken.UserID(0xb5), 10, []string{c, d}}, // the cursor need not be a stored id
		{d, 10, nil},
	}
	for _, tc := range tests {
		got, err := s.UsersWithCredential(ctx, store.Readwise, tc.after, tc.limit)
		if err != nil {
			t.Fatalf("UsersWithCredential(%q, %d): %v", tc.after, tc.limit, err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("UsersWithCredential(%q, %d) = %v, want %v", tc.after, tc.limit, got, tc.want)
		}
	}
	if _, err := s.UsersWithCredential(ctx, store.Readwise, "", 0); err == nil {
		t.Error("UsersWithCredential with limit 0 succeeded, want an error")
	}
}

func testUsersWithCredentialNeedAToken(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, c := range []store.Credential{
		{UserID: userA, Provider: store.Airtable, Secret: []byte("sealed")},
		{UserID: userB, Provider: store.Airtable, BaseID: "appOnlyBase"},
	} {
		if err := s.PutCredential(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.UsersWithCredential(ctx, store.Airtable, "", 10)
	if err != nil || !slices.Equal(got, []string{userA}) {
		t.Errorf("UsersWithCredential = %v, %v; want only the user with a token", got, err)
	}
}

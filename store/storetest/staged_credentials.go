package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"spark.dev/spark/store"
)

// A credentialStep is one write of a user's Readwise credential: a staged
// write's stage, keep or abandon, or a save (put or delete) kept at once.
type credentialStep struct {
	kind   string // "stage", "keep", "abandon", "put", "delete"
	secret string // the write's secret; a staged write's steps share it
}

func (c credentialStep) String() string { return c.kind + " " + c.secret }

// keptAtLast is what the user's credential must be once every staged write
// is settled: the newest write that was kept, a staged write counting from
// its stage; original when none was.
func keptAtLast(original string, steps []credentialStep) string {
	kept := map[string]bool{}
	for _, st := range steps {
		if st.kind == "keep" {
			kept[st.secret] = true
		}
	}
	want := original
	for _, st := range steps {
		switch {
		case st.kind == "put", st.kind == "stage" && kept[st.secret]:
			want = st.secret
		case st.kind == "delete":
			want = ""
		}
	}
	return want
}

// credentialModel is the documented behaviour of the Store's credential
// writes, step by step: which write's credential is current, and which is
// the newest kept.
type credentialModel struct {
	current, kept   string
	currentV, keptV int64
	writes          int64
	versions        map[string]int64
}

func (m *credentialModel) apply(st credentialStep) {
	v := m.versions[st.secret]
	switch st.kind {
	case "stage":
		m.writes++
		m.versions[st.secret] = m.writes
		m.current, m.currentV = st.secret, m.writes
	case "keep":
		if m.keptV < v {
			m.kept, m.keptV = st.secret, v
			if m.currentV < v {
				m.current, m.currentV = st.secret, v
			}
		}
	case "abandon":
		if m.currentV == v {
			m.current, m.currentV = m.kept, m.keptV
		}
	case "put", "delete":
		m.writes++
		m.current, m.currentV, m.kept, m.keptV = st.secret, m.writes, st.secret, m.writes
	}
}

// runCredentialSteps plays steps for user, after putting original when it is
// not "", checks the credential after each step against the model, and
// returns the secret left ("" for none); false when a step failed. Cases run
// on several goroutines, so it reports with Errorf, never Fatal.
func runCredentialSteps(t *testing.T, s store.Store, user, original string, steps []credentialStep) (string, bool) {
	ctx := t.Context()
	row := func(secret string) store.Credential {
		return store.Credential{UserID: user, Provider: store.Readwise, Secret: []byte(secret)}
	}
	model := &credentialModel{versions: map[string]int64{}}
	if original != "" {
		steps = append([]credentialStep{{"put", original}}, steps...)
	}
	versions := map[string]int64{}
	var current string
	for i, st := range steps {
		var err error
		switch st.kind {
		case "stage":
			versions[st.secret], err = s.StageCredential(ctx, row(st.secret))
		case "keep":
			err = s.KeepCredential(ctx, row(st.secret), versions[st.secret])
		case "abandon":
			err = s.AbandonCredential(ctx, user, store.Readwise, versions[st.secret])
		case "put":
			err = s.PutCredential(ctx, row(st.secret))
		case "delete":
			err = s.DeleteCredential(ctx, user, store.Readwise)
		}
		if err != nil {
			t.Errorf("%s: step %d: %v", joinSteps(steps), i+1, err)
			return "", false
		}
		model.apply(st)
		got, err := s.GetCredential(ctx, user, store.Readwise)
		switch {
		case errors.Is(err, store.ErrNotFound):
			current = ""
		case err != nil:
			t.Errorf("%s: step %d: %v", joinSteps(steps), i+1, err)
			return "", false
		default:
			current = string(got.Secret)
		}
		if current != model.current {
			t.Errorf("%s: after step %d the credential is %q, want %q", joinSteps(steps), i+1, current, model.current)
		}
	}
	return current, true
}

// interleavings returns every order of the stage and settle steps of writes
// staged writes (the secrets w0, w1, …), each settled by keep or abandon as
// the bits of outcome say.
func interleavings(writes int, outcome int) [][]credentialStep {
	var all [][]credentialStep
	var walk func(done []credentialStep, staged, settled []bool)
	walk = func(done []credentialStep, staged, settled []bool) {
		if len(done) == 2*writes {
			all = append(all, done)
			return
		}
		for w := range writes {
			secret := fmt.Sprintf("w%d", w)
			next := func(kind string) {
				st, se := append([]bool(nil), staged...), append([]bool(nil), settled...)
				st[w] = true
				se[w] = kind != "stage"
				walk(append(append([]credentialStep(nil), done...), credentialStep{kind, secret}), st, se)
			}
			switch {
			case !staged[w]:
				next("stage")
			case !settled[w] && outcome&(1<<w) != 0:
				next("keep")
			case !settled[w]:
				next("abandon")
			}
		}
	}
	walk(nil, make([]bool, writes), make([]bool, writes))
	return all
}

// checkCredentialCases plays each case for a user of its own, a few at once.
func checkCredentialCases(t *testing.T, s store.Store, original string, cases [][]credentialStep) {
	var wg sync.WaitGroup
	work := make(chan int)
	for range 4 {
		wg.Go(func() {
			for i := range work {
				steps := cases[i]
				user := userFor(fmt.Sprintf("%s-%d", original, i))
				got, ok := runCredentialSteps(t, s, user, original, steps)
				if want := keptAtLast(original, steps); ok && got != want {
					t.Errorf("from %q, %s: credential %q, want %q", original, joinSteps(steps), got, want)
				}
			}
		})
	}
	for i := range cases {
		work <- i
	}
	close(work)
	wg.Wait()
}

func joinSteps(steps []credentialStep) string {
	var parts []string
	for _, st := range steps {
		parts = append(parts, st.String())
	}
	return strings.Join(parts, ", ")
}

// Every order in which three triggers of one user stage their keys and keep
// or abandon them leaves the newest kept key, or the one from before.
func testStagedCredentialsSettleInAnyOrder(t *testing.T, s store.Store) {
	var cases [][]credentialStep
	for outcome := range 1 << 3 {
		cases = append(cases, interleavings(3, outcome)...)
	}
	if len(cases) != 8*90 {
		t.Fatalf("%d cases, want 720", len(cases))
	}
	for _, original := range []string{"", "original"} {
		checkCredentialCases(t, s, original, cases)
	}
}

// A save (from the settings) between a trigger's stage and its settling
// wins over a write staged before it, whatever that write's outcome.
func testSavesWinOverEarlierStagedCredentials(t *testing.T, s store.Store) {
	var cases [][]credentialStep
	for outcome := range 1 << 2 {
		for _, order := range interleavings(2, outcome) {
			for at := range len(order) + 1 {
				for _, save := range []credentialStep{{"put", "saved"}, {"delete", ""}} {
					steps := append(append(append([]credentialStep(nil), order[:at]...), save), order[at:]...)
					cases = append(cases, steps)
				}
			}
		}
	}
	checkCredentialCases(t, s, "original", cases)
}

// Staging a credential marks its connection not known to work, in the same
// write; taking it back leaves none where there was none.
func testStageCredentialResetsTheConnection(t *testing.T, s store.Store) {
	ctx := t.Context()
	if err := s.RecordBookCount(ctx, userA, 3, time.Now()); err != nil {
		t.Fatal(err)
	}
	version, err := s.StageCredential(ctx, store.Credential{UserID: userA, Provider: store.Readwise, Secret: []byte("new")})
	if err != nil {
		t.Fatal(err)
	}
	if state := getReadwiseState(t, s, userA); state.IsConnected || state.LastError != "" || state.BookCount != 3 {
		t.Errorf("state after staging = %+v, want not connected, no error, the book count kept", state)
	}
	if got, err := s.GetCredential(ctx, userA, store.Readwise); err != nil || string(got.Secret) != "new" {
		t.Errorf("GetCredential while staged = %+v, %v; want the staged secret", got, err)
	}
	if err := s.AbandonCredential(ctx, userA, store.Readwise, version); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetCredential(ctx, userA, store.Readwise); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetCredential after abandoning the only write = %v, want ErrNotFound", err)
	}
	if users, err := s.UsersWithCredential(ctx, store.Readwise, "", 10); err != nil || len(users) != 0 {
		t.Errorf("UsersWithCredential after abandoning = %v, %v; want none", users, err)
	}
}

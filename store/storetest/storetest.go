// Package storetest is the behaviour every store.Store must show, run against
// each engine by its own test file.
package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"spark.dev/spark/store"
)

// Run runs the suite; open must return a fresh, empty store for each call
// and close it when t ends.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, s store.Store)
	}{
		{"engine names itself and answers ping", testEngine},
		{"settings of a user who never saved are not found", testSettingsNotFound},
		{"settings round trip", testSettingsRoundTrip},
		{"settings are replaced whole", testSettingsReplaced},
		{"settings must be valid JSON", testSettingsInvalid},
		{"settings belong to one user", testSettingsIsolation},
		{"settings save with credential changes", testSaveSettingsWithCredentials},
		{"settings save is all or nothing", testSaveSettingsIsAllOrNothing},
		{"a deleted book leaves with its highlights", testApplyHighlightsDeletesBooks},
		{"settings updates of one user never lose each other", testUpdateSettingsSerializesWriters},
		{"settings updates reset connections and abort cleanly", testUpdateSettingsResetsAndAborts},
		{"state is mirrored into the settings document", testStateMirroredIntoDocument},
		{"mirrored state and frontend rewrites keep each other", testMirrorAndFrontendRewrites},
		{"a clear key in the settings document is taken in", testTakeInSettingsKey},
		{"taking in a key keeps a concurrent frontend change", testTakeInKeepsFrontendChange},
		{"missing credential is not found", testCredentialNotFound},
		{"credential round trip", testCredentialRoundTrip},
		{"credential is replaced per provider", testCredentialReplaced},
		{"credential delete removes one provider of one user", testCredentialDelete},
		{"staged credentials settle in any order to the newest kept", testStagedCredentialsSettleInAnyOrder},
		{"saves win over credentials staged before them", testSavesWinOverEarlierStagedCredentials},
		{"staging a credential resets its connection", testStageCredentialResetsTheConnection},
		{"users with credential page through every user in byte order", testUsersWithCredentialPages},
		{"users with credential start strictly after the cursor", testUsersWithCredentialCursor},
		{"users with credential need a token, not just ids", testUsersWithCredentialNeedAToken},
		{"readwise state of an unknown user is zero", testReadwiseStateUnknown},
		{"record book count marks the connection working", testRecordBookCount},
		{"record connection keeps the book count", testRecordConnection},
		{"readwise state belongs to one user", testReadwiseStateIsolation},
		{"times come back in UTC at microsecond precision", testTimesRoundTrip},
		{"counts see only the user's rows", testCounts},
		{"a highlight attaches only to its user's book", testHighlightBookOwnership},
		{"record book sync moves the cursor only forward", testRecordBookSync},
		{"record highlight sync moves the cursor only forward and marks full syncs", testRecordHighlightSync},
		{"upsert books counts new and existing books", testUpsertBooksCounts},
		{"books round trip every field", testBookRoundTrip},
		{"upsert books replaces every field", testBookReplacedWhole},
		{"books page through every row in id order", testBooksPage},
		{"books of two users with the same ids stay apart", testBooksIsolation},
		{"highlights round trip every field", testHighlightRoundTrip},
		{"apply highlights replaces every field", testHighlightReplacedWhole},
		{"apply highlights adds missing books and fills export fields only", testApplyHighlightsBooks},
		{"apply highlights counts only rows it deleted", testApplyHighlightsDeletes},
		{"apply highlights reports tag changes", testApplyHighlightsTagsChanged},
		{"apply highlights writes all of a page or nothing", testApplyHighlightsAllOrNothing},
		{"highlights page through every row in id order", testHighlightsPage},
		{"highlights of two users with the same ids stay apart", testHighlightsIsolation},
		{"function log start keeps the first start", testStartFunctionLogFirstWins},
		{"function log progress and finish keep the first outcome", testFunctionLogLifecycle},
		{"function log of a single-request run, bad statuses, clocks behind", testFinishFunctionLogEdges},
		{"function log writes at once share commits, and one bad write fails alone", testFunctionLogGroupCommit},
		{"function logs filter, order, count and page", testFunctionLogsQuery},
		{"function logs page without gaps or repeats", testFunctionLogsPagesWithoutGapsOrRepeats},
		{"function logs belong to one user", testFunctionLogsIsolation},
		{"function logs reject bad queries", testFunctionLogsRejectsBadQueries},
		{"import sparks stores sparks with their category, tags and links", testImportSparksStoresLinks},
		{"import sparks skips and counts duplicates and reuses categories and tags", testImportSparksDuplicates},
		{"import sparks twice creates nothing the second time", testImportSparksTwiceCreatesNothing},
		{"import sparks of two users with the same uids, slugs and tags stay apart", testImportSparksIsolation},
		{"import sparks writes all of a page or nothing", testImportSparksAllOrNothing},
		{"sparks page through every row in id order with their links", testSparksPage},
		{"spark tags and categories sort by bytes", testSparkNamesSortByBytes},
		{"airtable state round trip", testAirtableStateRoundTrip},
		{"airtable last import must be a JSON object", testAirtableImportMustBeAnObject},
		{"migrate highlight tags creates normalized tags and links, once", testMigrateHighlightTags},
		{"migrate highlight tags follows the highlights' tag changes", testMigrateHighlightTagsFollowsChanges},
		{"migrate highlight tags leaves links made by others alone", testMigrateHighlightTagsLeavesOtherLinks},
		{"migrate highlight tags pages through every highlight", testMigrateHighlightTagsPages},
		{"migrate highlight tags of two users with the same ids and names stay apart", testMigrateHighlightTagsIsolation},
		{"concurrent writers all succeed", testConcurrentWriters},
		{"concurrent imports and tag migrations create each tag once", testConcurrentTagCreation},
		{"a callback nonce is fresh once until it expires", testCallbackNonceIsGoodOnce},
		{"concurrent uses of one callback nonce: one is fresh", testCallbackNonceConcurrentUsesOneWins},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.test(t, open(t))
		})
	}
}

func testEngine(t *testing.T, s store.Store) {
	if e := s.Engine(); e != "postgres" && e != "sqlite" {
		t.Errorf("Engine() = %q, want postgres or sqlite", e)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

// seeder is the hook each engine's store offers tests, to write rows that no
// Store method writes yet.
type seeder interface {
	Exec(ctx context.Context, query string, args ...any) error
}

func seed(t *testing.T, s store.Store, query string, args ...any) error {
	t.Helper()
	sd, ok := s.(seeder)
	if !ok {
		t.Fatalf("%T has no Exec(ctx, query, args...) method for seeding", s)
	}
	return sd.Exec(t.Context(), query, args...)
}

// assertJSONEqual compares documents by value: PostgreSQL's JSONB does not
// keep the original spacing or key order.
func assertJSONEqual(t *testing.T, got, want json.RawMessage) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("stored document %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("expected document %q is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("document = %s, want %s", got, want)
	}
}

package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"spark.dev/spark/store"
)

func importSparks(t *testing.T, s store.Store, userID string, sparks ...store.NewSpark) store.SparkImport {
	t.Helper()
	result, err := s.ImportSparks(t.Context(), userID, sparks)
	if err != nil {
		t.Fatalf("ImportSparks(%s): %v", userID, err)
	}
	return result
}

// newSpark is a spark of one category whose name is made from its slug.
func newSpark(uid, slug string, tags ...string) store.NewSpark {
	return store.NewSpark{UID: uid, Body: "Body of " + uid, CategoryName: "Category " + slug, CategorySlug: slug, Tags: tags}
}

// allSparks pages through every spark of the user.
func allSparks(t *testing.T, s store.Store, userID string) []store.Spark {
	t.Helper()
	in := Inspect(t, s)
	var all []store.Spark
	for after := ""; ; {
		page, err := in.Sparks(t.Context(), userID, after, 1000)
		if err != nil {
			t.Fatalf("Sparks(%s, after %q): %v", userID, after, err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].UID
	}
}

// withoutIDs checks that sparks have distinct uuid ids and returns them with
// ids cleared, to compare with what was imported.
func withoutIDs(t *testing.T, sparks []store.Spark) []store.Spark {
	t.Helper()
	out := slices.Clone(sparks)
	seen := map[string]bool{}
	for i := range out {
		if !store.IsUserID(sparks[i].ID) || seen[sparks[i].ID] {
			t.Errorf("spark %d has id %q, want a uuid of its own", i, sparks[i].ID)
		}
		seen[sparks[i].ID] = true
		out[i].ID = ""
	}
	return out
}

func categories(t *testing.T, s store.Store, userID string) []store.Category {
	t.Helper()
	got, err := Inspect(t, s).Categories(t.Context(), userID)
	if err != nil {
		t.Fatalf("Categories(%s): %v", userID, err)
	}
	return got
}

func tagNames(t *testing.T, s store.Store, userID string) []string {
	t.Helper()
	got, err := Inspect(t, s).TagNames(t.Context(), userID)
	if err != nil {
		t.Fatalf("TagNames(%s): %v", userID, err)
	}
	return got
}

func testImportSparksStoresLinks(t *testing.T, s store.Store) {
	full := store.NewSpark{
		UID: "uid-1", Body: "“Quoted” body — ✨ 日本語\nsecond line", TodoID: "todo-1",
		TodoCreatedAt:    time.Date(2024, 2, 29, 10, 11, 12, 123456789, time.FixedZone("IST", 5*3600+1800)),
		AirtableRecordID: "recA", CategoryName: "Spiritual Life", CategorySlug: "spiritual-life",
		Tags: []string{"prayer", "hope", "prayer"}, // a repeated tag links once
	}
	bare := store.NewSpark{UID: "uid-2", Body: "bare", CategoryName: "Work", CategorySlug: "work", Tags: []string{"hope"}}
	sameSlug := store.NewSpark{UID: "uid-3", Body: "third", CategoryName: "Spiritual life, spelled otherwise", CategorySlug: "spiritual-life", Tags: []string{"Grace"}}

	got := importSparks(t, s, userA, full, bare, sameSlug)
	want := store.SparkImport{Imported: 3, NewCategories: []string{"Spiritual Life", "Work"}, NewTags: []string{"prayer", "hope", "Grace"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ImportSparks = %+v, want %+v", got, want)
	}

	spiritual := store.Category{Name: "Spiritual Life", Slug: "spiritual-life"}
	wantSparks := []store.Spark{
		{UID: "uid-1", Body: full.Body, TodoID: "todo-1", TodoCreatedAt: time.Date(2024, 2, 29, 4, 41, 12, 123456000, time.UTC),
			AirtableRecordID: "recA", Categories: []store.Category{spiritual}, Tags: []string{"hope", "prayer"}},
		{UID: "uid-2", Body: "bare", Categories: []store.Category{{Name: "Work", Slug: "work"}}, Tags: []string{"hope"}},
		{UID: "uid-3", Body: "third", Categories: []store.Category{spiritual}, Tags: []string{"Grace"}},
	}
	if got := withoutIDs(t, allSparks(t, s, userA)); !reflect.DeepEqual(got, wantSparks) {
		t.Errorf("Sparks =\n%+v\nwant\n%+v", got, wantSparks)
	}
	if got, want := categories(t, s, userA), []store.Category{spiritual, {Name: "Work", Slug: "work"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Categories = %+v, want %+v", got, want)
	}
	if got, want := tagNames(t, s, userA), []string{"Grace", "hope", "prayer"}; !slices.Equal(got, want) {
		t.Errorf("TagNames = %q, want %q (byte order)", got, want)
	}

	// Every link was made by the import: removing the others changes nothing.
	for _, table := range []string{"spark_categories", "spark_tags"} {
		if err := seed(t, s, `DELETE FROM `+table+` WHERE created_by <> $1`, store.CreatedByAirtableImport); err != nil {
			t.Fatal(err)
		}
	}
	if got := withoutIDs(t, allSparks(t, s, userA)); !reflect.DeepEqual(got, wantSparks) {
		t.Errorf("links not created by %q: after removing them, Sparks =\n%+v", store.CreatedByAirtableImport, got)
	}
}

func testImportSparksDuplicates(t *testing.T, s store.Store) {
	if got := importSparks(t, s, userA); !reflect.DeepEqual(got, store.SparkImport{}) {
		t.Errorf("importing nothing = %+v, want nothing done", got)
	}

	first := newSpark("a", "faith", "t1")
	repeated := newSpark("a", "work", "t9")
	repeated.Body = "a later record with the same uid"
	got := importSparks(t, s, userA, first, repeated, newSpark("b", "faith", "t1", "t2"))
	want := store.SparkImport{Imported: 2, Duplicates: 1, NewCategories: []string{"Category faith"}, NewTags: []string{"t1", "t2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("first ImportSparks = %+v, want %+v", got, want)
	}

	second := []store.NewSpark{newSpark("a", "faith", "t1"), newSpark("c", "faith", "t2", "t3"), newSpark("c", "faith")}
	got = importSparks(t, s, userA, second...)
	want = store.SparkImport{Imported: 1, Duplicates: 2, NewTags: []string{"t3"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("second ImportSparks = %+v, want %+v", got, want)
	}

	faith := []store.Category{{Name: "Category faith", Slug: "faith"}}
	wantSparks := []store.Spark{
		{UID: "a", Body: first.Body, Categories: faith, Tags: []string{"t1"}},
		{UID: "b", Body: "Body of b", Categories: faith, Tags: []string{"t1", "t2"}},
		{UID: "c", Body: "Body of c", Categories: faith, Tags: []string{"t2", "t3"}},
	}
	if got := withoutIDs(t, allSparks(t, s, userA)); !reflect.DeepEqual(got, wantSparks) {
		t.Errorf("Sparks =\n%+v\nwant\n%+v", got, wantSparks)
	}
	if got := categories(t, s, userA); !reflect.DeepEqual(got, faith) {
		t.Errorf("Categories = %+v, want %+v: the repeated record's category was created", got, faith)
	}
	if got := tagNames(t, s, userA); !slices.Equal(got, []string{"t1", "t2", "t3"}) {
		t.Errorf("TagNames = %q, want [t1 t2 t3]", got)
	}
}

func testImportSparksTwiceCreatesNothing(t *testing.T, s store.Store) {
	page := []store.NewSpark{newSpark("a", "faith", "t1", "t2"), newSpark("b", "work", "t2")}
	importSparks(t, s, userA, page...)
	sparks, cats, tags := allSparks(t, s, userA), categories(t, s, userA), tagNames(t, s, userA)

	if got, want := importSparks(t, s, userA, page...), (store.SparkImport{Duplicates: 2}); !reflect.DeepEqual(got, want) {
		t.Errorf("second identical ImportSparks = %+v, want %+v", got, want)
	}
	if got := allSparks(t, s, userA); !reflect.DeepEqual(got, sparks) {
		t.Errorf("Sparks after the second import =\n%+v\nwant\n%+v", got, sparks)
	}
	if got := categories(t, s, userA); !reflect.DeepEqual(got, cats) {
		t.Errorf("Categories after the second import = %+v, want %+v", got, cats)
	}
	if got := tagNames(t, s, userA); !slices.Equal(got, tags) {
		t.Errorf("TagNames after the second import = %q, want %q", got, tags)
	}
}

func testImportSparksIsolation(t *testing.T, s store.Store) {
	page := []store.NewSpark{newSpark("same-uid", "same-slug", "same-tag")}
	want := store.SparkImport{Imported: 1, NewCategories: []string{"Category same-slug"}, NewTags: []string{"same-tag"}}
	for _, user := range []string{userA, userB} {
		if got := importSparks(t, s, user, page...); !reflect.DeepEqual(got, want) {
			t.Errorf("ImportSparks(%s) = %+v, want %+v: another user's rows count", user, got, want)
		}
	}
	a, b := allSparks(t, s, userA), allSparks(t, s, userB)
	if len(a) != 1 || len(b) != 1 || a[0].ID == b[0].ID {
		t.Fatalf("Sparks = %+v and %+v, want one separate spark each", a, b)
	}
	if !reflect.DeepEqual(withoutIDs(t, a), withoutIDs(t, b)) {
		t.Errorf("user-a's spark %+v differs from user-b's %+v", a[0], b[0])
	}
	if got := categories(t, s, userC); got != nil {
		t.Errorf("Categories(user-c) = %+v, want none", got)
	}
	if got := tagNames(t, s, userC); got != nil {
		t.Errorf("TagNames(user-c) = %q, want none", got)
	}
}

// A page that fails writes nothing: no sparks, categories, tags or links.
func testImportSparksAllOrNothing(t *testing.T, s store.Store) {
	before := importSparks(t, s, userA, newSpark("kept", "old", "old-tag"))
	sparks := allSparks(t, s, userA)

	page := []store.NewSpark{newSpark("new", "old", "old-tag", "new-tag"), newSpark("other", "new", "new-tag")}
	invalid := newSpark("", "new", "other-tag") // a blank uid fails the spark insert, after categories and tags
	if _, err := s.ImportSparks(t.Context(), userA, append(page, invalid)); err == nil {
		t.Fatal("ImportSparks with a blank uid succeeded, want an error")
	}
	if got := allSparks(t, s, userA); !reflect.DeepEqual(got, sparks) {
		t.Errorf("Sparks after the failed page =\n%+v\nwant\n%+v", got, sparks)
	}
	if got := categories(t, s, userA); len(got) != 1 {
		t.Errorf("Categories after the failed page = %+v, want only %q", got, before.NewCategories)
	}
	if got := tagNames(t, s, userA); !slices.Equal(got, before.NewTags) {
		t.Errorf("TagNames after the failed page = %q, want %q", got, before.NewTags)
	}

	got := importSparks(t, s, userA, page...)
	want := store.SparkImport{Imported: 2, NewCategories: []string{"Category new"}, NewTags: []string{"new-tag"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the page without its bad spark = %+v, want %+v", got, want)
	}
}

// Imports of two users interleave in pages smaller than the pages read, so
// that one user's page of sparks spans ids of the other's.
func testSparksPage(t *testing.T, s store.Store) {
	in := Inspect(t, s)
	const n, importSize, pageSize = 250, 50, 100
	spark := func(user string, i int) store.NewSpark {
		return newSpark(fmt.Sprintf("uid-%03d", i), fmt.Sprintf("%s-cat-%d", user, i%7),
			fmt.Sprintf("%s-x-%02d", user, i%11), fmt.Sprintf("%s-y-%02d", user, i%13))
	}
	var want []store.Spark
	newTags := map[string]int{}
	for first := 0; first < n; first += importSize {
		for _, user := range []string{userA, userB} {
			var page []store.NewSpark
			for i := first; i < min(first+importSize, n); i++ {
				page = append(page, spark(user, i))
			}
			newTags[user] += len(importSparks(t, s, user, page...).NewTags)
		}
		for i := first; i < min(first+importSize, n); i++ {
			ns := spark(userA, i)
			want = append(want, store.Spark{UID: ns.UID, Body: ns.Body,
				Categories: []store.Category{{Name: ns.CategoryName, Slug: ns.CategorySlug}}, Tags: ns.Tags})
		}
	}
	if newTags[userA] != 11+13 || newTags[userB] != 11+13 {
		t.Errorf("new tags = %v, want 24 for each user", newTags)
	}

	var sizes []int
	var got []store.Spark
	for after := ""; ; {
		page, err := in.Sparks(t.Context(), userA, after, pageSize)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		sizes = append(sizes, len(page))
		got = append(got, page...)
		after = page[len(page)-1].UID
	}
	if !slices.Equal(sizes, []int{100, 100, 50}) {
		t.Errorf("page sizes = %v, want [100 100 50]", sizes)
	}
	if got := withoutIDs(t, got); !reflect.DeepEqual(got, want) {
		t.Errorf("paged sparks differ from those imported; first got %+v, want %+v", got[:min(1, len(got))], want[0])
	}
	if _, err := in.Sparks(t.Context(), userA, "", 0); err == nil {
		t.Error("Sparks with limit 0 succeeded, want an error")
	}
}

// Sorted means byte order on both engines, whatever the database's collation.
func testSparkNamesSortByBytes(t *testing.T, s store.Store) {
	importSparks(t, s, userA,
		store.NewSpark{UID: "1", Body: "b", CategoryName: "b", CategorySlug: "b-side", Tags: []string{"beta", "Alpha", "alpha", "Zulu", "über"}},
		store.NewSpark{UID: "2", Body: "b", CategoryName: "a", CategorySlug: "a-side", Tags: []string{"beta"}},
		store.NewSpark{UID: "3", Body: "b", CategoryName: "B", CategorySlug: "B", Tags: []string{"beta"}},
	)
	wantTags := []string{"Alpha", "Zulu", "alpha", "beta", "über"}
	if got := tagNames(t, s, userA); !slices.Equal(got, wantTags) {
		t.Errorf("TagNames = %q, want %q", got, wantTags)
	}
	if got := allSparks(t, s, userA); len(got) != 3 || !slices.Equal(got[0].Tags, wantTags) {
		t.Errorf("first spark's tags = %q, want %q", got[0].Tags, wantTags)
	}
	var slugs []string
	for _, c := range categories(t, s, userA) {
		slugs = append(slugs, c.Slug)
	}
	if want := []string{"B", "a-side", "b-side"}; !slices.Equal(slugs, want) {
		t.Errorf("category slugs = %q, want %q", slugs, want)
	}
}

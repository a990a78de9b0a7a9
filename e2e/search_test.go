package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"spark.dev/spark/internal/fakeembeddings"
	"spark.dev/spark/internal/fakereadwise"
	"spark.dev/spark/store/storetest"
)

const embeddingsKey = "sk-e2e-embeddings-0123456789"

type searchAnswer struct {
	Results []struct {
		ID         string   `json:"id"`
		Text       string   `json:"text"`
		Score      float64  `json:"score"`
		Similarity *float64 `json:"similarity"`
		Book       struct {
			Title string `json:"title"`
		} `json:"book"`
	} `json:"results"`
	Count int    `json:"count"`
	Mode  string `json:"mode"`
}

func (s *stack) search(userID, query, mode string, limit int) searchAnswer {
	s.t.Helper()
	status, raw := s.do(http.MethodPost, "/api/highlights/search", token(s.t, userID), map[string]any{"query": query, "mode": mode, "limit": limit})
	var answer searchAnswer
	if status != http.StatusOK || json.Unmarshal(raw, &answer) != nil || answer.Mode != mode || answer.Count != len(answer.Results) {
		s.t.Fatalf("search %q (%s) as %s: %d %s", query, mode, userID, status, raw)
	}
	return answer
}

func (a searchAnswer) texts() []string {
	out := []string{}
	for _, r := range a.Results {
		out = append(out, r.Text)
	}
	return out
}

// After a sync, the embeddings job gives every non-blank highlight the
// vector of its own text in batches of 100, again after texts change and
// through a 429 and a 500; keyword, semantic and hybrid search then find
// what they should, and only the caller's.
func TestEndToEndEmbeddingsAndSearch(t *testing.T) {
	fake := fakeembeddings.New(embeddingsKey)
	t.Cleanup(fake.Close)
	s := startStack(t, map[string]string{"OPENAI_API_KEY": embeddingsKey, "OPENAI_BASE_URL": fake.URL()})
	const userA, tokenA = "00000000-0000-4000-8000-0000000001e1", "rw-token-embed-a-0123456789"
	const userB, tokenB = "00000000-0000-4000-8000-0000000001e2", "rw-token-embed-b-0123456789"
	libA := fakereadwise.GenerateLibrary(41, 5, 226)
	book := libA.Books()[0].ID
	special := []string{"", "   \n\t", "Prices rose 50% in a year", "Prices rose 50 percent in a year", "the quokka smiles at dawn"}
	for _, text := range special {
		if _, err := libA.AddHighlight(book, fakereadwise.Highlight{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	libB := fakereadwise.NewLibrary()
	bookB := libB.AddBook(fakereadwise.Book{Title: "B's book"})
	if _, err := libB.AddHighlight(bookB.ID, fakereadwise.Highlight{Text: "the quokka smiles at noon"}); err != nil {
		t.Fatal(err)
	}
	for user, rw := range map[string]struct {
		token string
		lib   *fakereadwise.Library
	}{userA: {tokenA, libA}, userB: {tokenB, libB}} {
		s.Readwise.AddUser(rw.token, rw.lib)
		saveReadwiseKey(t, s.URL, user, rw.token)
		syncHighlights(t, s.Dev, s.URL, user, nil)
	}

	nonBlank := 0
	for _, h := range libA.Highlights() {
		if strings.TrimSpace(h.Text) != "" {
			nonBlank++
		}
	}
	first := generateEmbeddings(t, s, userA)
	if first.Processed != nonBlank {
		t.Errorf("first run processed %d, want the %d non-blank highlights", first.Processed, nonBlank)
	}
	wantSizes := []int{100, 100, nonBlank - 200}
	if got := fake.BatchSizes(); !slices.Equal(got, wantSizes) {
		t.Errorf("batch sizes = %v, want %v", got, wantSizes)
	}
	assertVectorsOfOwnTexts(t, s.DatabaseURL, userA)

	// Two texts change in Readwise; the API fails twice before it answers.
	changed := libA.Highlights()[:2]
	for i, h := range changed {
		if err := libA.EditHighlight(h.ID, "an edited text number "+string(rune('A'+i))); err != nil {
			t.Fatal(err)
		}
	}
	syncHighlights(t, s.Dev, s.URL, userA, nil)
	fake.FailNext(1, fakeembeddings.Fault{Status: http.StatusTooManyRequests, RetryAfter: time.Second})
	fake.FailNext(1, fakeembeddings.Fault{Status: http.StatusInternalServerError})
	before := len(fake.Requests())
	second := generateEmbeddings(t, s, userA)
	var statuses []int
	for _, r := range fake.Requests()[before:] {
		statuses = append(statuses, r.Status)
	}
	if second.Processed != 2 || !slices.Equal(statuses, []int{429, 500, 200}) || fake.BatchSizes()[len(wantSizes)] != 2 {
		t.Errorf("after two edits: processed %d, statuses %v, batch sizes %v; want 2 through 429, 500, 200 in one batch of 2",
			second.Processed, statuses, fake.BatchSizes())
	}
	assertVectorsOfOwnTexts(t, s.DatabaseURL, userA)
	if n := len(fake.Requests()); n != before+3 {
		t.Errorf("%d requests in all, want %d", n, before+3)
	}
	t.Logf("%d highlights (%d blank): %d embeddings requests, batch sizes %v, statuses of the second run %v",
		len(libA.Highlights()), len(libA.Highlights())-nonBlank, len(fake.Requests()), fake.BatchSizes(), statuses)

	// Keyword: a phrase of each user's library, and a literal %.
	if got := s.search(userA, "quokka smiles", "keyword", 10).texts(); !slices.Equal(got, []string{"the quokka smiles at dawn"}) {
		t.Errorf("A's keyword search = %q, want their own quokka alone", got)
	}
	if got := s.search(userB, "quokka smiles", "keyword", 10).texts(); !slices.Equal(got, []string{"the quokka smiles at noon"}) {
		t.Errorf("B's keyword search = %q, want their own quokka alone", got)
	}
	var withPercent []string
	for _, h := range libA.Highlights() {
		if strings.Contains(h.Text, "%") || strings.Contains(h.Note, "%") {
			withPercent = append(withPercent, h.Text)
		}
	}
	got := s.search(userA, "50%", "keyword", 50).texts()
	if !slices.Contains(got, "Prices rose 50% in a year") {
		t.Errorf("keyword 50%% = %q, want the text with a literal 50%%", got)
	}
	for _, text := range got {
		if !slices.Contains(withPercent, text) {
			t.Errorf("keyword 50%% found %q, which holds no %%", text)
		}
	}

	// Semantic and hybrid: a highlight's own text is its nearest neighbour.
	target := libA.Highlights()[10].Text
	for _, mode := range []string{"semantic", "hybrid"} {
		answer := s.search(userA, target, mode, 5)
		if len(answer.Results) == 0 || answer.Results[0].Text != target {
			t.Errorf("%s search for a highlight's text: %q first, want %q", mode, answer.texts(), target)
		}
	}
	if sem := s.search(userA, target, "semantic", 5); sem.Results[0].Similarity == nil || *sem.Results[0].Similarity < 0.999 {
		t.Errorf("similarity of a text to itself = %v, want 1", sem.Results[0].Similarity)
	}
	if got := s.search(userB, "the quokka smiles at dawn", "semantic", 50).texts(); slices.Contains(got, "the quokka smiles at dawn") {
		t.Errorf("B's semantic search found A's highlight")
	}
	assertNoSecrets(t, s.logs, embeddingsKey, tokenA, tokenB)
}

type embeddingsResult struct {
	Processed  int  `json:"processed"`
	IsLastStep bool `json:"isLastStep"`
}

func generateEmbeddings(t *testing.T, s *stack, userID string) embeddingsResult {
	t.Helper()
	eventID := triggerJob(t, s.URL, "/api/inngest/trigger-generate-embeddings", userID)
	run := s.Dev.WaitForRuns(t, eventID, 1, runTimeout)[0]
	var result embeddingsResult
	if run.Status != "Completed" || json.Unmarshal(run.Output, &result) != nil || !result.IsLastStep {
		t.Fatalf("embeddings run ended %s: %s", run.Status, run.Output)
	}
	return result
}

// assertVectorsOfOwnTexts fails unless every non-blank highlight of the
// user holds the vector of its own text, and no blank one has any.
func assertVectorsOfOwnTexts(t *testing.T, databaseURL, userID string) {
	t.Helper()
	st := openDB(t, databaseURL)
	defer st.Close()
	all, err := st.Store.(storetest.EmbeddingInspector).HighlightEmbeddings(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	wrong := 0
	for _, e := range all {
		want := []float32(nil)
		if strings.TrimSpace(e.Text) != "" {
			want = fakeembeddings.Vector(e.Text)
		}
		if !slices.Equal(e.Vector, want) {
			wrong++
		}
	}
	if wrong > 0 || len(all) == 0 {
		t.Errorf("%d of %d highlights do not hold the vector of their own text", wrong, len(all))
	}
}

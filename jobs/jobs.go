// Package jobs starts Spark's background jobs on behalf of a signed-in user:
// it stores a token the user just typed (encrypted), checks that the job has
// what it needs, and sends the Inngest event. Events carry only the user id
// and flags; a failed send leaves nothing half-written.
package jobs

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"spark.dev/spark/apperr"
	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// Sender sends one event, or several in one request, and returns their
// ids; inngestgo.Client is one.
type Sender interface {
	Send(ctx context.Context, evt any) (string, error)
	SendMany(ctx context.Context, evts []any) ([]string, error)
}

// Service starts jobs.
type Service struct {
	events  Sender
	vault   *credentials.Vault
	isAdmin func(userID string) bool
	logger  *slog.Logger
}

func NewService(events Sender, vault *credentials.Vault, isAdmin func(string) bool, logger *slog.Logger) *Service {
	return &Service{events: events, vault: vault, isAdmin: isAdmin, logger: logger}
}

// CountBooks starts readwise-count-books for the user.
func (s *Service) CountBooks(ctx context.Context, userID, apiKey string) (string, error) {
	return s.startReadwise(ctx, userID, apiKey, inngest.NewEvent(inngest.CountBooks{UserID: userID}, ""),
		"Failed to trigger Readwise book count automation")
}

// TestConnection starts readwise-connection-test for the user.
func (s *Service) TestConnection(ctx context.Context, userID, apiKey string) (string, error) {
	return s.startReadwise(ctx, userID, apiKey, inngest.NewEvent(inngest.TestConnection{UserID: userID}, ""),
		"Failed to trigger Readwise connection test")
}

// SyncBooks starts readwise-sync-books for the user.
func (s *Service) SyncBooks(ctx context.Context, userID, apiKey string, fullSync bool) (string, error) {
	return s.startReadwise(ctx, userID, apiKey, inngest.NewEvent(inngest.SyncBooks{UserID: userID, FullSync: fullSync}, ""),
		"Failed to trigger Readwise book import automation")
}

// SyncHighlights starts readwise-sync-highlights for the user.
func (s *Service) SyncHighlights(ctx context.Context, userID, apiKey string, fullSync bool) (string, error) {
	return s.startReadwise(ctx, userID, apiKey, inngest.NewEvent(inngest.SyncHighlights{UserID: userID, FullSync: fullSync}, ""),
		"Failed to trigger Readwise highlights sync automation")
}

// MigrateTags starts migrate-highlight-tags for the user.
func (s *Service) MigrateTags(ctx context.Context, userID string) (string, error) {
	return s.send(ctx, inngest.NewEvent(inngest.MigrateTags{UserID: userID}, ""), "Failed to trigger highlight tag migration")
}

// GenerateEmbeddings starts generate-highlight-embeddings for the user.
func (s *Service) GenerateEmbeddings(ctx context.Context, userID string) (string, error) {
	return s.send(ctx, inngest.NewEvent(inngest.GenerateEmbeddings{UserID: userID}, ""), "Failed to trigger embeddings generation")
}

// Schedule runs the schedules now: the daily sync and the due scheduled
// tasks, of every user when the requester is an admin, otherwise of the
// requester alone. Both requests go in one send, so neither is made
// without the other. It returns the scope and each request's event id.
func (s *Service) Schedule(ctx context.Context, userID string) (Scheduled, error) {
	scope, onlyUser := inngest.ScheduleScopeSelf, userID
	if s.isAdmin(userID) {
		scope, onlyUser = inngest.ScheduleScopeAll, ""
	}
	ids, err := s.events.SendMany(ctx, []any{
		inngest.NewEvent(inngest.DailySyncRequested{RequestedBy: userID, Scope: scope, UserID: onlyUser}, ""),
		inngest.NewEvent(inngest.ScheduledTasksRequested{RequestedBy: userID, Scope: scope, UserID: onlyUser}, ""),
	})
	if err != nil {
		return Scheduled{}, apperr.Wrap(apperr.Upstream, "Failed to trigger scheduled tasks", err)
	}
	ids = append(ids, "", "") // a sender that returns no ids still answers
	return Scheduled{Scope: scope, DailySyncEventID: ids[0], ScheduledTasksEventID: ids[1]}, nil
}

// Scheduled is what Schedule requested.
type Scheduled struct {
	Scope                 string
	DailySyncEventID      string
	ScheduledTasksEventID string
}

// startReadwise sends evt for a job that needs the user's Readwise token:
// apiKey, when given, becomes the stored token first.
func (s *Service) startReadwise(ctx context.Context, userID, apiKey string, evt any, failure string) (string, error) {
	apiKey = strings.TrimSpace(apiKey)
	if apiKey == "" || secure.IsMasked(apiKey) {
		// The frontend sends back the masked key it was shown: use the stored one.
		if _, err := s.vault.Token(ctx, userID, store.Readwise); err != nil {
			return "", missingKey(err)
		}
		return s.send(ctx, evt, failure)
	}
	return s.sendWithCredential(ctx, userID, store.Readwise, credentials.Credential{Token: apiKey}, evt, failure)
}

// sendWithCredential stores cred as the user's credential for p, sends
// evt, and takes cred back when the send fails. A new credential is not
// known to work yet; that is recorded before the job can record otherwise.
// Triggers of one user may run at once: each settles only its own write.
func (s *Service) sendWithCredential(ctx context.Context, userID string, p store.Provider, cred credentials.Credential, evt any, failure string) (string, error) {
	staged, err := s.vault.Stage(ctx, userID, p, cred)
	if err != nil {
		return "", err
	}
	id, err := s.send(ctx, evt, failure)
	// The client may be gone by now; the write must still be settled.
	settleCtx := context.WithoutCancel(ctx)
	if err != nil {
		if undoErr := staged.Abandon(settleCtx); undoErr != nil {
			s.logger.Error("taking back the unsent credential", "user", userID, "provider", p, "err", undoErr)
		}
		return "", err
	}
	if keepErr := staged.Keep(settleCtx); keepErr != nil {
		s.logger.Error("keeping the sent credential", "user", userID, "provider", p, "err", keepErr)
	}
	return id, nil
}

func (s *Service) send(ctx context.Context, evt any, failure string) (string, error) {
	id, err := s.events.Send(ctx, evt)
	if err != nil {
		return "", apperr.Wrap(apperr.Upstream, failure, err)
	}
	return id, nil
}

func missingKey(err error) error {
	if errors.Is(err, credentials.ErrMissing) {
		return apperr.New(apperr.Invalid, "API key is required")
	}
	return err
}

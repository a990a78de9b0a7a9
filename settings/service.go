// Package settings serves a user's settings: the client-owned document the
// frontend saves, composed with what the server owns (masked credentials,
// connection and sync state). Secrets never leave in clear.
package settings

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"spark.dev/spark/apperr"
	"spark.dev/spark/credentials"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// Service reads and writes settings.
type Service struct {
	store store.Store
	vault *credentials.Vault
}

func NewService(s store.Store, v *credentials.Vault) *Service {
	return &Service{store: s, vault: v}
}

// ReadwiseStatus is the user's Readwise connection as GET /api/readwise shows it.
type ReadwiseStatus struct {
	IsConnected      bool   `json:"isConnected"`
	HasAPIKey        bool   `json:"hasApiKey"`
	BookCount        int    `json:"bookCount"`
	LastSyncTime     string `json:"lastSyncTime"`
	LastFullSyncTime string `json:"lastFullSyncTime"`
	Books            int    `json:"books"`
	Highlights       int    `json:"highlights"`
	LastError        string `json:"lastError"`
	maskedKey        string
}

// ReadwiseStatus reports the user's Readwise connection and stored rows.
func (s *Service) ReadwiseStatus(ctx context.Context, userID string) (ReadwiseStatus, error) {
	status, err := s.readwiseConnection(ctx, userID)
	if err != nil {
		return ReadwiseStatus{}, err
	}
	if status.Books, err = s.store.CountBooks(ctx, userID); err != nil {
		return ReadwiseStatus{}, err
	}
	if status.Highlights, err = s.store.CountHighlights(ctx, userID); err != nil {
		return ReadwiseStatus{}, err
	}
	return status, nil
}

// readwiseConnection is the status without the row counts, which the
// settings view does not show and need not pay for.
func (s *Service) readwiseConnection(ctx context.Context, userID string) (ReadwiseStatus, error) {
	state, err := s.store.GetReadwiseState(ctx, userID)
	if err != nil {
		return ReadwiseStatus{}, err
	}
	token, err := s.vault.Token(ctx, userID, store.Readwise)
	if err != nil && !errors.Is(err, credentials.ErrMissing) {
		return ReadwiseStatus{}, err
	}
	status := ReadwiseStatus{
		HasAPIKey:        token != "",
		IsConnected:      token != "" && state.IsConnected,
		BookCount:        state.BookCount,
		LastSyncTime:     isoOrEmpty(state.LastSyncTime),
		LastFullSyncTime: isoOrEmpty(state.LastFullSyncTime),
		LastError:        state.LastError,
		maskedKey:        secure.Mask(token),
	}
	return status, nil
}

// takeInKeys moves keys the frontend saved in clear in the document into
// the credentials, before the document is read.
func (s *Service) takeInKeys(ctx context.Context, userID string) error {
	for _, p := range store.Providers {
		if err := s.vault.TakeIn(ctx, userID, p); err != nil {
			return err
		}
	}
	return nil
}

// Get returns the whole settings object, secrets masked.
func (s *Service) Get(ctx context.Context, userID string) (map[string]any, error) {
	if err := s.takeInKeys(ctx, userID); err != nil {
		return nil, err
	}
	stored, err := s.load(ctx, userID)
	if err != nil {
		return nil, err
	}
	view := mergePatch(defaults(), stored)
	integrations := object(view, "integrations")
	rw, err := s.readwiseConnection(ctx, userID)
	if err != nil {
		return nil, err
	}
	integrations["readwise"] = document{
		"apiKey":           rw.maskedKey,
		"isConnected":      rw.IsConnected,
		"bookCount":        rw.BookCount,
		"lastSyncTime":     rw.LastSyncTime,
		"lastFullSyncTime": rw.LastFullSyncTime,
	}
	at, err := s.vault.Get(ctx, userID, store.Airtable)
	if err != nil && !errors.Is(err, credentials.ErrMissing) {
		return nil, err
	}
	state, err := s.store.GetAirtableState(ctx, userID)
	if err != nil {
		return nil, err
	}
	var lastImport any
	if state.LastImport != nil {
		lastImport = state.LastImport
	}
	integrations["airtable"] = document{
		"apiKey":      secure.Mask(at.Token),
		"baseId":      at.BaseID,
		"tableId":     at.TableID,
		"isConnected": at.Token != "" && state.IsConnected,
		"lastImport":  lastImport,
		"lastError":   state.LastError,
	}
	return view, nil
}

// Integration returns one integration's settings ("readwise" or "airtable").
func (s *Service) Integration(ctx context.Context, userID, name string) (map[string]any, error) {
	if name != string(store.Readwise) && name != string(store.Airtable) {
		return nil, apperr.New(apperr.Invalid, "integration must be readwise or airtable")
	}
	view, err := s.Get(ctx, userID)
	if err != nil {
		return nil, err
	}
	return object(view, "integrations")[name].(document), nil
}

// Put replaces the client-owned keys that body names.
func (s *Service) Put(ctx context.Context, userID string, body map[string]any) (map[string]any, error) {
	return s.update(ctx, userID, body, replaceKeys)
}

// Patch merges body into the stored settings, objects deeply.
func (s *Service) Patch(ctx context.Context, userID string, body map[string]any) (map[string]any, error) {
	if len(body) == 0 {
		return nil, apperr.New(apperr.Invalid, "No settings to update")
	}
	return s.update(ctx, userID, body, mergePatch)
}

// update validates body and, in one transaction with the stored document,
// applies it with apply and saves it with any credential change.
func (s *Service) update(ctx context.Context, userID string, body document, apply func(stored, named document) document) (map[string]any, error) {
	w, err := parseWrite(body)
	if err != nil {
		return nil, err
	}
	if err := s.takeInKeys(ctx, userID); err != nil {
		return nil, err
	}
	err = s.store.UpdateSettings(ctx, userID, func(current json.RawMessage) (store.SettingsUpdate, error) {
		stored := decode(current)
		runs := lastRuns(stored)
		raw, err := encode(keepLastRuns(apply(stored, w.doc), runs))
		if err != nil {
			return store.SettingsUpdate{}, err
		}
		puts, deletes, err := s.credentialChanges(ctx, userID, w)
		// A new or removed credential has not been shown to work yet.
		reset := slices.Clone(deletes)
		for _, c := range puts {
			reset = append(reset, c.Provider)
		}
		return store.SettingsUpdate{Settings: raw, Puts: puts, Deletes: deletes, Reset: reset}, err
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, userID)
}

func (s *Service) credentialChanges(ctx context.Context, userID string, w write) (puts []store.Credential, deletes []store.Provider, err error) {
	if w.readwiseKey != nil {
		if *w.readwiseKey == "" {
			deletes = append(deletes, store.Readwise)
		} else {
			row, err := s.vault.Seal(userID, store.Readwise, credentials.Credential{Token: *w.readwiseKey})
			if err != nil {
				return nil, nil, err
			}
			puts = append(puts, row)
		}
	}
	if w.airtableKey == nil && w.baseID == nil && w.tableID == nil {
		return puts, deletes, nil
	}
	at, err := s.vault.Stored(ctx, userID, store.Airtable) // in the write's transaction
	if err != nil && !errors.Is(err, credentials.ErrMissing) {
		return nil, nil, err
	}
	setIfGiven(&at.Token, w.airtableKey)
	setIfGiven(&at.BaseID, w.baseID)
	setIfGiven(&at.TableID, w.tableID)
	if at == (credentials.Credential{}) {
		return puts, append(deletes, store.Airtable), nil
	}
	row, err := s.vault.Seal(userID, store.Airtable, at)
	if err != nil {
		return nil, nil, err
	}
	return append(puts, row), deletes, nil
}

func (s *Service) load(ctx context.Context, userID string) (document, error) {
	raw, err := s.store.GetSettings(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return document{}, nil
	}
	if err != nil {
		return nil, err
	}
	return decode(raw), nil
}

func setIfGiven(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func isoOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

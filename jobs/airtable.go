package jobs

import (
	"context"
	"errors"
	"strings"

	"spark.dev/spark/airtable"
	"spark.dev/spark/apperr"
	"spark.dev/spark/credentials"
	"spark.dev/spark/inngest"
	"spark.dev/spark/secure"
	"spark.dev/spark/store"
)

// AirtableImport is what a trigger body may bring: any of the three may be
// empty, and then the stored one is used.
type AirtableImport struct {
	APIKey  string
	BaseID  string
	TableID string
}

// ImportAirtable starts airtable-import-sparks for the user. Values in req
// become the stored credential first; what the import needs must be there.
func (s *Service) ImportAirtable(ctx context.Context, userID string, req AirtableImport) (string, error) {
	stored, err := s.vault.Get(ctx, userID, store.Airtable)
	if err != nil && !errors.Is(err, credentials.ErrMissing) {
		return "", err
	}
	cred := stored
	if key := strings.TrimSpace(req.APIKey); key != "" && !secure.IsMasked(key) {
		cred.Token = key
	}
	if base := strings.TrimSpace(req.BaseID); base != "" {
		cred.BaseID = base
	}
	if table := strings.TrimSpace(req.TableID); table != "" {
		cred.TableID = table
	}
	if err := validAirtable(cred); err != nil {
		return "", err
	}
	evt := inngest.NewEvent(inngest.ImportSparks{UserID: userID}, "")
	const failure = "Failed to trigger Airtable import"
	if cred == stored {
		return s.send(ctx, evt, failure)
	}
	return s.sendWithCredential(ctx, userID, store.Airtable, cred, evt, failure)
}

// validAirtable checks what an import needs, with the original's messages.
func validAirtable(c credentials.Credential) error {
	switch {
	case c.Token == "":
		return apperr.New(apperr.Invalid, "API key is required")
	case c.BaseID == "":
		return apperr.New(apperr.Invalid, "Base ID is required")
	case c.TableID == "":
		return apperr.New(apperr.Invalid, "Table ID is required")
	case !airtable.ValidBaseID(c.BaseID):
		return apperr.New(apperr.Invalid, "Base ID "+airtable.BaseIDRule)
	case !airtable.ValidTable(c.TableID):
		return apperr.New(apperr.Invalid, "Table ID "+airtable.TableRule)
	}
	return nil
}

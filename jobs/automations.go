package jobs

import (
	"context"

	"spark.dev/spark/inngest"
)

// TagRandomHighlights starts tag-random-highlights for the user.
func (s *Service) TagRandomHighlights(ctx context.Context, userID string) (string, error) {
	return s.send(ctx, inngest.NewEvent(inngest.TagRandomHighlights{UserID: userID}, ""),
		"Failed to trigger random highlight tagging automation")
}

// CategorizeRandomHighlights starts categorize-random-highlights for the user.
func (s *Service) CategorizeRandomHighlights(ctx context.Context, userID string) (string, error) {
	return s.send(ctx, inngest.NewEvent(inngest.CategorizeRandomHighlights{UserID: userID}, ""),
		"Failed to trigger random highlight categorization automation")
}

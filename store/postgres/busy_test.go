package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestBusyIsAServerWithoutRoomForTheWorkNow(t *testing.T) {
	for code, want := range map[string]bool{
		"53300": true,  // too_many_connections
		"57P03": true,  // cannot_connect_now
		"55P03": true,  // lock_not_available
		"40001": true,  // serialization_failure
		"40P01": true,  // deadlock_detected
		"23505": false, // unique_violation
		"42P01": false, // undefined_table
	} {
		err := fmt.Errorf("put credential: %w", &pgconn.PgError{Code: code})
		if got := busy(err); got != want {
			t.Errorf("busy(SQLSTATE %s) = %v, want %v", code, got, want)
		}
	}
	if busy(errors.New("connection refused")) {
		t.Error("busy(a plain error) = true")
	}
}

package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// HealthInfo is what /api/health reports besides the store's reachability.
type HealthInfo struct {
	Environment string
	AppID       string
	Store       string
}

// Pinger is the part of the store that health needs.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Health answers liveness and store reachability; 503 when the store is down.
func Health(info HealthInfo, store Pinger) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		status, code := "ok", http.StatusOK
		if err := store.Ping(ctx); err != nil {
			status, code = "unavailable", http.StatusServiceUnavailable
		}
		return c.JSON(code, map[string]string{
			"status":      status,
			"environment": info.Environment,
			"appId":       info.AppID,
			"store":       info.Store,
		})
	}
}

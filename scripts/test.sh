#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: starts a throwaway PostgreSQL
# (installing Debian's package when missing), builds or reuses the Inngest dev
# server, checks formatting and vet, then runs every test. Extra arguments go
# to `go test` (e.g. -run TestEndToEnd -v).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

INNGEST_DEV_SERVER_BIN=${INNGEST_DEV_SERVER_BIN:-$(scripts/inngest-dev-server.sh)}
export INNGEST_DEV_SERVER_BIN

pgdir=$(mktemp -d /tmp/spark-test-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir"' EXIT
SPARK_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pgdir" "${SPARK_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}")
export SPARK_TEST_POSTGRES_URL

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
go test -count=1 -timeout 30m "$@" ./...

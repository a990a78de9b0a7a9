#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: starts a throwaway PostgreSQL
# (installing Debian's package when missing), installs Redis when missing,
# builds or reuses the Inngest dev server with its Dev UI, installs Chromium
# when missing for the Dev UI check, checks formatting and vet, then runs
# every test, and the end-to-end suite a second time on PostgreSQL.
# SPARK_DEV_UI=0 builds the dev server without its UI and skips that check.
# e2e/selfhost runs in a network namespace of its own with no network, so
# what it installs must be installed here first. Extra arguments go to
# `go test` (e.g. -run TestEndToEnd -v).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

INNGEST_DEV_SERVER_BIN=${INNGEST_DEV_SERVER_BIN:-$(scripts/inngest-dev-server.sh)}
export INNGEST_DEV_SERVER_BIN
if [ "${SPARK_DEV_UI:-1}" != 0 ]; then
  SPARK_DEVUI_CHROMIUM=${SPARK_DEVUI_CHROMIUM:-$(scripts/chromium.sh)}
  export SPARK_DEVUI_CHROMIUM
fi

# A random loopback port can be taken by a process of the moment: try a few.
pgdir=
trap '[ -z "$pgdir" ] || scripts/postgres.sh stop "$pgdir"' EXIT
for attempt in 1 2 3 4 5; do
  pgdir=$(mktemp -d /tmp/spark-test-pg.XXXXXX)
  if SPARK_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pgdir" "${SPARK_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}"); then
    break
  fi
  scripts/postgres.sh stop "$pgdir"
  pgdir=
  [ "$attempt" = 5 ] && { echo "could not start PostgreSQL" >&2; exit 1; }
done
export SPARK_TEST_POSTGRES_URL
scripts/redis.sh install

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...
go test -count=1 -timeout 30m "$@" ./...
# The end-to-end suite again, on PostgreSQL (the first run used SQLite).
SPARK_E2E_ENGINE=postgres go test -count=1 -timeout 30m "$@" ./e2e/

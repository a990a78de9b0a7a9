#!/usr/bin/env bash
# The serve-path benchmark: signed requests to the app's /api/inngest, every
# request a new run logged in function_logs, beside a bare inngestgo handler
# under the same load, each server a process of its own (servebench builds
# both from this checkout), on SQLite and then on a throwaway PostgreSQL.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pgdir=$(mktemp -d /tmp/spark-bench-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir"' EXIT
url=$(scripts/postgres.sh start "$pgdir" "${SPARK_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}")
go build -o "$pgdir/servebench" ./internal/tools/servebench
"$pgdir/servebench" -database sqlite "$@"
"$pgdir/servebench" -database "$url" "$@"

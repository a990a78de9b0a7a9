#!/usr/bin/env bash
# The Readwise sync benchmark: 100,000 highlights over 2,000 books from the
# fake, into SQLite and into a throwaway PostgreSQL, reporting rows/s,
# Readwise requests and peak heap growth.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pgdir=$(mktemp -d /tmp/spark-bench-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir"' EXIT
SPARK_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pgdir" "${SPARK_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}")
export SPARK_TEST_POSTGRES_URL
go test -run '^$' -bench BenchmarkFirstSync -benchtime "${BENCHTIME:-1x}" -timeout 30m -v ./readwisesync/ "$@"

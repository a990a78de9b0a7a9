#!/usr/bin/env bash
# The Readwise sync benchmark: 100,000 highlights (SPARK_BENCH_HIGHLIGHTS)
# over one book per 50, from the fake in a process of its own, into SQLite
# and into a throwaway PostgreSQL, reporting rows/s, Readwise requests and
# the peak RSS of the syncing process alone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pgdir=$(mktemp -d /tmp/spark-bench-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir"' EXIT
SPARK_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pgdir" "${SPARK_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}")
export SPARK_TEST_POSTGRES_URL
go test -run '^$' -bench BenchmarkFirstSync -benchtime "${BENCHTIME:-1x}" -timeout 30m -v ./readwisesync/ "$@"

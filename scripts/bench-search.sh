#!/usr/bin/env bash
# The search benchmark: keyword and semantic search over 100,000 highlights
# of one user, each with a 1536-dimension vector, on SQLite and on
# PostgreSQL without pgvector (the portable path), reporting p50 and p99.
# SPARK_TEST_POSTGRES_URL, when set, is used; else a throwaway server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${SPARK_TEST_POSTGRES_URL:-}" ]; then
	pgdir=$(mktemp -d /tmp/spark-bench-pg.XXXXXX)
	trap 'scripts/postgres.sh stop "$pgdir"' EXIT
	SPARK_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pgdir" "${SPARK_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}")
	export SPARK_TEST_POSTGRES_URL
fi
go test -run '^$' -bench BenchmarkSearch -benchtime "${BENCHTIME:-1x}" -timeout 60m -v ./store/sqlite/ ./store/postgres/ "$@"

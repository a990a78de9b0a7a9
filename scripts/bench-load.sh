#!/usr/bin/env bash
# The load benchmark: the app as its own process on SQLite, with the real
# Inngest dev server, gets 500 concurrent triggers from one user, 500 from
# 500 users, then 2,000 concurrent reads, all on loopback; it prints the
# statuses, wall time and latencies of each burst and the process's RSS
# before, at the peak and after. Extra arguments go to `go test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
INNGEST_DEV_SERVER_BIN=${INNGEST_DEV_SERVER_BIN:-$(scripts/inngest-dev-server.sh)}
export INNGEST_DEV_SERVER_BIN
SPARK_LOAD_FULL=1 go test -count=1 -run '^TestLoadBurstsAllAnswer200$' -timeout 10m -v ./e2e/ "$@"

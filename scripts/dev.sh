#!/usr/bin/env bash
# Local development in one command: the Inngest dev server (built from the Go
# module the first time) and the app, wired together. Ctrl-C stops both.
# With internet access, `npx inngest-cli@latest dev -u http://localhost:3000/api/inngest`
# plus `go run .` does the same.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

port=${PORT:-3000}
dev_port=${INNGEST_DEV_PORT:-8288}
bin=$(scripts/inngest-dev-server.sh)

DO_NOT_TRACK=1 "$bin" dev --no-discovery --host 127.0.0.1 --port "$dev_port" \
  -u "http://127.0.0.1:$port/api/inngest" &
dev_pid=$!
trap 'kill $dev_pid 2>/dev/null || true' EXIT

echo "Inngest dev server: http://127.0.0.1:$dev_port   app: http://localhost:$port" >&2
INNGEST_DEV=${INNGEST_DEV:-http://127.0.0.1:$dev_port} PORT=$port go run .

#!/usr/bin/env bash
# A production-like local stack in one command: Redis and PostgreSQL (the
# store's database and the engine's own), the self-hosted Inngest engine
# (`inngest start`, signatures on) and the app against them, all on loopback.
# Ctrl-C stops everything. As root the engine runs in a network namespace of
# loopback alone, since it binds its connect ports on every interface; the
# whole stack then lives in that namespace (reach it with
# `nsenter --net=/proc/<pid>/ns/net`, printed below). Without root it runs on
# the host's network: keep ports 8289, 50052 and 50053 firewalled.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "$(id -u)" = 0 ] && [ -z "${SPARK_STACK_NETNS:-}" ]; then
  bin=$(scripts/inngest-dev-server.sh) # build outside: the namespace has no network
  exec env SPARK_STACK_NETNS=1 INNGEST_ENGINE_BIN="$bin" unshare --net -- bash -c 'ip link set lo up && exec "$0"' "$0"
fi

port=${PORT:-3000}
engine_port=${INNGEST_PORT:-8288}
bin=${INNGEST_ENGINE_BIN:-$(scripts/inngest-dev-server.sh)}
state=${SPARK_STACK_DIR:-$root/data/stack}
mkdir -p "$state"
# The engine's keys, generated once: plain hex, as `inngest start` takes it.
[ -f "$state/signing.key" ] || openssl rand -hex 32 >"$state/signing.key"
[ -f "$state/event.key" ] || openssl rand -hex 16 >"$state/event.key"
signing_key=$(cat "$state/signing.key")
event_key=$(cat "$state/event.key")

pgdir=$(mktemp -d /tmp/spark-stack-pg.XXXXXX)
redisdir=$(mktemp -d /tmp/spark-stack-redis.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/redis.sh stop "$redisdir"
  scripts/postgres.sh stop "$pgdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg=$(scripts/postgres.sh start "$pgdir" "${SPARK_STACK_POSTGRES_PORT:-55433}")
redis=$(scripts/redis.sh start "$redisdir" "${SPARK_STACK_REDIS_PORT:-56380}")
psql "$pg" -qc 'CREATE DATABASE spark' -c 'CREATE DATABASE inngest'
pg_base=${pg%/postgres?*}

# 40 engine connections + the app's pool stay under PostgreSQL's 100.
DO_NOT_TRACK=1 "$bin" start --host 127.0.0.1 --port "$engine_port" \
  --signing-key "$signing_key" --event-key "$event_key" \
  --redis-uri "$redis" --postgres-uri "$pg_base/inngest?sslmode=disable" --postgres-max-open-conns 40 \
  --connect-gateway-port 8289 --connect-gateway-grpc-port 50052 --connect-executor-grpc-port 50053 &
pids+=($!)

echo "engine: http://127.0.0.1:$engine_port   app: http://127.0.0.1:$port   (namespace of pid $$)" >&2
# Development with signatures on: a signing key and no INNGEST_DEV is cloud
# mode; the app registers itself with the engine at start-up.
env -u INNGEST_DEV PORT=$port DATABASE_URL="$pg_base/spark?sslmode=disable" \
  INNGEST_BASE_URL="http://127.0.0.1:$engine_port" INNGEST_SIGNING_KEY="$signing_key" INNGEST_EVENT_KEY="$event_key" \
  go run . &
pids+=($!)
wait -n

#!/usr/bin/env bash
# Starts a throwaway Redis server from Debian's packages on a loopback port
# and prints its URL; `stop DIR` stops it; `install` only installs it.
# Installs redis-server when missing
# (as root; apt-get update runs only then, so a machine that has it needs no
# network).
set -euo pipefail

cmd=${1:-start}

install() {
  command -v redis-server >/dev/null && return
  [ "$(id -u)" = 0 ] || { echo "redis-server is missing: install Debian's redis-server package" >&2; exit 1; }
  echo "installing Redis from Debian's packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
}

case "$cmd" in
install)
  install
  ;;
start)
  dir=${2:-$(mktemp -d /tmp/spark-redis.XXXXXX)}
  port=${3:-56379}
  install
  mkdir -p "$dir"
  # No snapshots: the engine's durability here comes from Redis staying up
  # while the engine dies; the tests and the local stack throw the data away.
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null || { echo "Redis did not start: $dir/redis.log" >&2; exit 1; }
  echo "redis://127.0.0.1:$port"
  ;;
stop)
  dir=${2:?usage: redis.sh stop DIR}
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: redis.sh install | start [DIR [PORT]] | stop DIR" >&2
  exit 2
  ;;
esac

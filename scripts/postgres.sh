#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server from Debian's packages on a loopback port
# and prints its URL; `stop DIR` stops it. Installs the packages when missing.
# Debian's server refuses to run as root, so as root it runs as the postgres user.
set -euo pipefail

cmd=${1:-start}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  dir=${2:-$(mktemp -d /tmp/spark-pg.XXXXXX)}
  port=${3:-55432}
  if [ -z "$(pg_bin)" ]; then
    echo "installing PostgreSQL from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  bin=$(pg_bin)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  ;;
stop)
  dir=${2:?usage: postgres.sh stop DIR}
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres.sh start [DIR [PORT]] | stop DIR" >&2
  exit 2
  ;;
esac

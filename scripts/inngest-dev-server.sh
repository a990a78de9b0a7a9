#!/usr/bin/env bash
# Prints the path of an Inngest dev server binary, building it from the Go module
# github.com/inngest/inngest the first time (about 8 minutes on 2 cores) and reusing it after.
# npx inngest-cli downloads its binary from GitHub at install time; building from the module
# needs only the Go module proxy.
set -euo pipefail

version=v1.43.0
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${INNGEST_BIN_DIR:-$root/.tools}
bin=$dir/inngest-$version

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$dir"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building the Inngest dev server $version into $bin (once)" >&2
src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/inngest/inngest@$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] || { echo "could not download github.com/inngest/inngest@$version" >&2; exit 1; }

# The module archive lacks website/pages/docs (a git submodule upstream) that
# internal/embeddocs embeds, so build from a writable copy with a placeholder there.
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
mkdir -p "$work/src/internal/embeddocs/website/pages/docs"
echo "# placeholder: docs are not part of the module archive" > "$work/src/internal/embeddocs/website/pages/docs/placeholder.md"

(cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$bin.tmp" ./cmd)
mv "$bin.tmp" "$bin"
echo "$bin"

#!/usr/bin/env bash
# Prints the path of an Inngest dev server binary, building it from the Go module
# github.com/inngest/inngest the first time (about 8 minutes on 2 cores) and reusing it after.
# npx inngest-cli downloads its binary from GitHub at install time; building from the module
# needs only the Go module proxy, plus the npm registry for the Dev UI.
#
# The Dev UI (http://localhost:8288) is a separate pnpm build that upstream's Makefile copies
# into pkg/devserver/static before `go build`; this script does the same. It needs Node (npm)
# and about 1.7 GB for node_modules and pnpm's store while it builds, in a temporary folder
# removed after.
# SPARK_DEV_UI=0 builds the engine without it (`/` then answers an empty page).
# The two builds have different names, so a cached binary is never taken for the other kind.
set -euo pipefail

version=v1.43.0
pnpm_version=10.18.2 # the version the module's ui/package.json names
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${INNGEST_BIN_DIR:-$root/.tools}
case ${SPARK_DEV_UI:-1} in
  1) bin=$dir/inngest-$version-ui ;;
  0) bin=$dir/inngest-$version ;;
  *) echo "SPARK_DEV_UI must be 1 (build the Dev UI, the default) or 0 (skip it), not '$SPARK_DEV_UI'" >&2; exit 1 ;;
esac

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

if [ "${SPARK_DEV_UI:-1}" = 1 ]; then
  command -v npm >/dev/null || { echo "the Dev UI needs Node and npm (or set SPARK_DEV_UI=0 to skip it)" >&2; exit 1; }
  [ -f "$work/src/ui/pnpm-lock.yaml" ] || { echo "the module archive has no ui/ to build the Dev UI from" >&2; exit 1; }
  echo "building the Dev UI with pnpm $pnpm_version" >&2
  npm install --silent --no-audit --no-fund --prefix "$work/pnpm" "pnpm@$pnpm_version" >&2
  export PATH="$work/pnpm/node_modules/.bin:$PATH"
  # The whole workspace, as upstream does: the UI's type check reads the dashboard's sources too.
  # The package store goes in $work as well, so nothing stays behind but the binary.
  (cd "$work/src/ui" && pnpm install --frozen-lockfile --store-dir "$work/pnpm-store" --reporter=append-only) >&2
  (cd "$work/src/ui/apps/dev-server-ui" && pnpm build) >&2
  [ -f "$work/src/ui/apps/dev-server-ui/dist/client/_shell.html" ] ||
    { echo "the Dev UI build made no dist/client/_shell.html" >&2; exit 1; }
  cp -r "$work/src/ui/apps/dev-server-ui/dist/"* "$work/src/pkg/devserver/static/"
fi

(cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$bin.tmp" ./cmd)
mv "$bin.tmp" "$bin"
echo "$bin"

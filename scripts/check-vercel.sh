#!/usr/bin/env bash
# Builds the committed tree (HEAD) with Vercel's own builder, as a Git
# deployment does, and checks what it would deploy: one function, api/index,
# with 300 s, compiled with the Go that go.mod's toolchain line pins (the Go
# running this check), and a static output holding only the files of public/.
# Needs Go, Node, npm and git; no Vercel account. The CLI is installed once
# into VERCEL_CLI_DIR, outside the repo.
set -euo pipefail
export LC_ALL=C # one collation for sort and comm

cli_version=64.0.2
root=$(cd "$(dirname "$0")/.." && pwd)
cli_dir=${VERCEL_CLI_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/spark-api/vercel}

fail() {
  echo "check-vercel: $*" >&2
  exit 1
}

# Vercel's builder downloads the Go of go.mod's toolchain line, or else of its
# go line taken literally (go 1.26.0 is the first 1.26 release). It uses a Go
# found on PATH only when that is the exact version, so pinning the Go the
# project is tested with also keeps this check offline.
pinned=$(sed -n 's/^toolchain go\([0-9.]*\)[[:space:]]*$/\1/p' "$root/go.mod")
tested=$(GOTOOLCHAIN=local go env GOVERSION)
[ -n "$pinned" ] || fail "go.mod has no toolchain line: Vercel would build with its go line as written; add the tested Go: go mod edit -toolchain=$tested"
[ "go$pinned" = "$tested" ] || fail "go.mod pins go$pinned but the tests run on $tested: go mod edit -toolchain=$tested"

# The builder's Go wrapper imports github.com/vercel/go-bridge; where the
# module proxy does not serve it, a folder proxy that holds it is searched
# beside this clone, then beside the main checkout of a git worktree.
goproxy_dir=${VERCEL_GOPROXY_DIR:-}
if [ -z "$goproxy_dir" ]; then
  common=$(git -C "$root" rev-parse --path-format=absolute --git-common-dir)
  for candidate in "$root/../shared/vercel-goproxy" "$common/../../shared/vercel-goproxy"; do
    if [ -d "$candidate" ]; then
      goproxy_dir=$(cd "$candidate" && pwd)
      break
    fi
  done
fi
goproxy=$(go env GOPROXY)
if [ -n "$goproxy_dir" ]; then
  [ -d "$goproxy_dir/github.com/vercel/go-bridge" ] || fail "VERCEL_GOPROXY_DIR=$goproxy_dir does not hold github.com/vercel/go-bridge"
  goproxy="file://$goproxy_dir,$goproxy"
else
  echo "check-vercel: no vercel-goproxy folder found (VERCEL_GOPROXY_DIR): github.com/vercel/go-bridge must come from $goproxy" >&2
fi

# The override: the sandbox version that CLI asks for is not on every registry.
mkdir -p "$cli_dir"
(
  flock 9
  cat >"$cli_dir/package.json" <<EOF
{
  "private": true,
  "dependencies": { "vercel": "$cli_version" },
  "overrides": { "sandbox": "4.5.0" }
}
EOF
  installed=$(node -p 'require(process.argv[1]).version' "$cli_dir/node_modules/vercel/package.json" 2>/dev/null || true)
  if [ "$installed" != "$cli_version" ]; then
    echo "installing vercel@$cli_version into $cli_dir" >&2
    npm install --prefix "$cli_dir" --no-audit --no-fund --loglevel=error >&2
  fi
) 9>"$cli_dir/.lock"

work=$(mktemp -d -t spark-check-vercel.XXXXXX)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
if [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "check-vercel: uncommitted changes are not part of the check: it builds HEAD" >&2
fi
git clone -q --no-checkout "$root" "$repo"
git -C "$repo" checkout -q --detach "$(git -C "$root" rev-parse HEAD)"

# A linked project needs only its settings locally: no orgId, no login.
mkdir -p "$repo/.vercel" "$work/tmp"
echo '{"settings": {"framework": null}}' >"$repo/.vercel/project.json"

echo "check-vercel: vercel build (CLI $cli_version, go$pinned)" >&2
# The builder writes the function's binary into TMPDIR, next to the clone.
if ! (cd "$repo" && TMPDIR=$work/tmp GOPROXY=$goproxy VERCEL_TELEMETRY_DISABLED=1 \
  "$cli_dir/node_modules/.bin/vercel" build >"$work/build.log" 2>&1); then
  cat "$work/build.log" >&2
  fail "vercel build failed"
fi

out=$repo/.vercel/output
functions=$(cd "$out/functions" && find . -name '*.func' | sed 's|^\./||' | sort | tr '\n' ' ')
[ "$functions" = "api/index.func " ] || fail "expected one function, api/index; the output has: $functions"

func_dir=$out/functions/api/index.func
config=$func_dir/.vc-config.json
max_duration=$(node -p 'require(process.argv[1]).maxDuration' "$config")
[ "$max_duration" = 300 ] || fail "api/index has maxDuration $max_duration, not 300 ($config)"
files=$(node -p 'Object.keys(require(process.argv[1]).filePathMap || {}).join(" ")' "$config")
[ "$files" = bootstrap ] || fail "api/index should hold only its binary, it holds: $files"
# The paths of filePathMap are relative to the project's root.
binary=$(cd "$repo" && node -p 'require("path").resolve(require(process.argv[1]).filePathMap.bootstrap)' "$config")
built_with=$(go version "$binary" | sed 's/^.*: //')
[ "$built_with" = "go$pinned" ] || fail "api/index was built with $built_with, not go$pinned"

# Everything outside api/ is static unless public/ has a file: then only public/ is.
(cd "$out/static" && find . ! -type d | sed 's|^\./||' | sort) >"$work/static.txt"
git -C "$repo" ls-files public | sed 's|^public/||' | sort >"$work/public.txt"
if ! cmp -s "$work/public.txt" "$work/static.txt"; then
  comm -13 "$work/public.txt" "$work/static.txt" | sed 's/^/  served, not in public\/: /' >&2
  comm -23 "$work/public.txt" "$work/static.txt" | sed 's/^/  in public\/, not served: /' >&2
  fail "the static output is not exactly public/: it has $(wc -l <"$work/static.txt") files"
fi
leaks=$(grep -E '\.(go|sh|sql|mod|sum)$|(^|/)\.|(^|/)(scripts|docs|e2e|internal)/' "$work/static.txt" || true)
[ -z "$leaks" ] || fail "public/ holds source files: $leaks"

echo "check-vercel: ok: api/index (maxDuration 300, go$pinned), static: $(tr '\n' ' ' <"$work/static.txt")"

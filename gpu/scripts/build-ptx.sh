#!/usr/bin/env bash
# Regenerates the committed PTX of the GPU backend from its CUDA C sources (no GPU needed). Compiler: nvcc (the CUDA
# toolkit 11.8+, e.g. Debian bookworm non-free's nvidia-cuda-toolkit, or nvcc 13 on a device machine) when found,
# otherwise clang's CUDA front end (Debian main's clang-16: apt-get install clang-16) with src/main/cuda/clang_cuda.h
# standing in for the toolkit's headers.
#
# The first line of each PTX records the SHA-256 of its source followed by the local headers it includes;
# PtxStalenessTest fails when they differ, so a build machine without a compiler still notices a kernel edited
# without regenerating its PTX. Only stale PTX is rewritten (a PTX verified on a device stays as it was); --all
# rewrites every one.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cuda="$here/src/main/cuda"
all=false
[ "${1:-}" = "--all" ] && all=true

# The hashed bytes: the source, then each header it includes with #include "...", in order.
source_hash() {
  local src="$1"
  { cat "$src"; { grep -o '^#include "[^"]*"' "$src" || true; } | cut -d'"' -f2 | while read -r h; do cat "$cuda/$h"; done; } | sha256sum | cut -d' ' -f1
}

compile() {
  local src="$1" out="$2"
  # sm_75/compute_75: the oldest architecture the kernels need (64-bit multiply-high is native PTX there); the driver
  # compiles the PTX for the actual device when the module is loaded. No fused multiply-adds: none of the kernels
  # wants floating-point contraction.
  if command -v "${NVCC:-nvcc}" >/dev/null; then
    "${NVCC:-nvcc}" -arch=compute_75 -O3 -fmad=false -I"$cuda" -ptx "$src" -o "$out"
  else
    local clang
    clang="$(command -v "${CLANG:-clang-16}" || command -v clang)" || { echo "no nvcc and no clang: apt-get install clang-16" >&2; exit 1; }
    "$clang" -x cuda --cuda-device-only --cuda-gpu-arch=sm_75 -nocudainc -nocudalib -O3 -ffp-contract=off \
      -Wno-unknown-cuda-version -include "$cuda/clang_cuda.h" -I"$cuda" -S "$src" -o "$out"
  fi
}

for src in "$cuda"/*.cu; do
  name="$(basename "$src" .cu)"
  out="$here/src/main/resources/ai/based/gpu/$name.ptx"
  header="// source-sha256: $(source_hash "$src") src/main/cuda/$name.cu"
  if ! $all && [ -f "$out" ] && [ "$(head -1 "$out")" = "$header" ]; then
    echo "up to date: $out"
    continue
  fi
  tmp="$(mktemp)"
  compile "$src" "$tmp"
  { echo "$header"; cat "$tmp"; } >"$out"
  rm -f "$tmp"
  echo "wrote $out"
done

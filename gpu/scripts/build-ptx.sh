#!/usr/bin/env bash
# Regenerates the committed PTX of the GPU backend from its CUDA C sources (no GPU needed, only nvcc: the CUDA
# toolkit 11.8+, e.g. Debian bookworm non-free's nvidia-cuda-toolkit, or nvcc 13 on a device machine).
# The first line of each PTX records the SHA-256 of its source; PtxStalenessTest fails when they differ, so a
# build machine without nvcc still notices a kernel edited without regenerating its PTX.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
NVCC="${NVCC:-nvcc}"
for src in "$here"/src/main/cuda/*.cu; do
  name="$(basename "$src" .cu)"
  out="$here/src/main/resources/ai/based/gpu/$name.ptx"
  tmp="$(mktemp)"
  # compute_75: the oldest architecture the kernels need (64-bit multiply-high is native PTX there); the driver
  # compiles it for the actual device when the module is loaded.
  "$NVCC" -arch=compute_75 -O3 -ptx "$src" -o "$tmp"
  { echo "// source-sha256: $(sha256sum "$src" | cut -d' ' -f1) src/main/cuda/$name.cu"; cat "$tmp"; } >"$out"
  rm -f "$tmp"
  echo "wrote $out"
done

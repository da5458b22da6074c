#!/usr/bin/env bash
# The GPU backend's device check, on a machine with a CUDA device and no Maven or Java: run from the folder that
# gpu/scripts/device-bundle.sh filled (or pass it as $1). Writes its reports under $OUT (default ./device-out):
#   gpu-tests.txt   the GPU-vs-CPU bit-exactness tests (every kernel, device-resident multiply/rotate, the library's
#                   Evaluator with the device accelerator through a chain, its cheap operations, lazy
#                   relinearisations and a linear transform at two levels)
#   bench.txt       GpuBench at N=16384: CPU (AVX-512) and GPU side by side, then the GPU backend as shipped (host
#                   rows through the SPI, and the library's Evaluator with ciphertexts left on the device)
#   model.txt       one encrypted token of the bundled tiny model (EncryptedPassCheck, N=16384, 32 tokens) with the
#                   GPU selected and with the AVX-512 CPU backend, one after the other
#   ckks-suite.txt  the whole fhe/ckks test suite with the GPU selected as shipped (-Dbased.ckks.backend=gpu: the
#                   evaluators' operations on the device accelerator for one-special-prime rings;
#                   time-boxed to what is left of TOTAL_SECONDS, at least 60 s). Its NttTest case that expects the
#                   AVX-512 backend to be selected fails there by design: the GPU is selected.
set -uo pipefail
bundle="$(cd "${1:-$(dirname "$0")}" && pwd)"
OUT="${OUT:-$PWD/device-out}"
mkdir -p "$OUT"
TOTAL_SECONDS="${TOTAL_SECONDS:-450}"
log="$OUT/log.txt"
exec > >(tee -a "$log") 2>&1
echo "device check $(date -u +%FT%TZ)"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
python3 -c "import tarfile; tarfile.open('$bundle/jre.tar.xz').extractall('/tmp')"
JAVA=/tmp/jre/bin/java
$JAVA -version 2>&1 | head -1
cp="$(ls "$bundle"/lib/*.jar | grep -v console-standalone | tr '\n' ':')"
junit="$(ls "$bundle"/lib/junit-platform-console-standalone-*.jar)"
opts=(-Xmx24g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)

echo "== (i) bit-exactness, GPU against CPU"
timeout 180 $JAVA "${opts[@]}" -Dbased.ckks.backend=gpu -jar "$junit" execute --disable-banner --disable-ansi-colors \
  --details=tree --class-path "$cp$bundle/gpu-tests" --select-class ai.based.gpu.GpuBitExactnessTest \
  --select-class ai.based.gpu.DeviceEvaluatorTest --select-class ai.based.gpu.ResidentDeviceTest --select-class ai.based.gpu.DeviceAcceleratorRulesTest \
  --select-class ai.based.gpu.GpuSelectionTest --select-class ai.based.gpu.GpuBackendRoutingTest 2>&1 | tee "$OUT/gpu-tests.txt" | tail -40

echo "== (iii) bench, N=16384"
{
  echo "-- CPU SPI (AVX-512) and device-resident GPU"
  timeout 200 $JAVA "${opts[@]}" -Dbased.ckks.backend=avx512 -cp "$cp" ai.based.gpu.GpuBench 20
  echo "-- the GPU backend as shipped: through the SPI (host rows: single rows on the CPU backend, batches of 8+ on the device),"
  echo "   then the library's Evaluator with the device accelerator"
  timeout 120 $JAVA "${opts[@]}" -Dbased.ckks.backend=gpu -cp "$cp" ai.based.gpu.GpuBench 10 --no-device
  # (every per-row call on the device, -Dbased.gpu.rows=device, was measured on 2026-12-04 and is left out for time)
} 2>&1 | tee "$OUT/bench.txt"

echo "== (iv) one encrypted token of tiny, GPU then CPU"
{
  timeout 150 $JAVA "${opts[@]}" -Dbased.ckks.backend=gpu -cp "$cp" ai.based.cli.bench.EncryptedPassCheck 32
  timeout 150 $JAVA "${opts[@]}" -Dbased.ckks.backend=cpu-avx512 -cp "$cp" ai.based.cli.bench.EncryptedPassCheck 32
} 2>&1 | tee "$OUT/model.txt"

SUITE_SECONDS=$(( TOTAL_SECONDS - SECONDS > 60 ? TOTAL_SECONDS - SECONDS : 60 ))
echo "== (ii) fhe/ckks suite on the GPU backend as shipped, evaluators on the device accelerator (${SUITE_SECONDS}s at most)"
timeout "$SUITE_SECONDS" $JAVA "${opts[@]}" -Dbased.ckks.backend=gpu -jar "$junit" execute --disable-banner \
  --disable-ansi-colors --details=summary --class-path "$cp$bundle/ckks-tests" --scan-class-path "$bundle/ckks-tests" 2>&1 \
  | tee "$OUT/ckks-suite.txt" | tail -40
echo "suite exit: ${PIPESTATUS[0]} (124: time box reached)"
echo "device check done $(date -u +%FT%TZ)"

#!/usr/bin/env bash
# One encrypted pass of the bundled tiny model through the GPU code path on a machine without a GPU: the device
# accelerator, DeviceEvaluator and every kernel's own CUDA C, run by the tests' host emulator (HostEmulatedDriver:
# the kernels compiled for the CPU by g++, a block's threads as fibers). What it checks is the last line: the argmax
# agreement and largest logit error against the plaintext model, as `bench zkllm` prints them on the CPU. Its times
# are the emulator's, not a GPU's. EncryptedPassCheck runs a first pass and three warm ones: about 11 minutes on
# 2 cores, 11 GB of memory (the emulated device is capped at 6 GB of it; collections free dropped results).
# Usage, from anywhere: gpu/scripts/emulated-pass.sh [prompt tokens, default 32]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
for home in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do
  home=${home%/}
  if [ -n "$home" ] && [ -x "$home/bin/javac" ] && "$home/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$home"
    break
  fi
done
export PATH="$JAVA_HOME/bin:$PATH"
command -v g++ >/dev/null || { echo "emulated-pass: no g++: run build-support/install-test-tools.sh --no-browser as root" >&2; exit 3; }
mvn -B -q install -DskipTests -pl gpu,offchain-workers/cli -am
cp_file="$(mktemp)"
trap 'rm -f "$cp_file" "$cp_file.gpu"' EXIT
mvn -B -q dependency:build-classpath -pl offchain-workers/cli -Dmdep.outputFile="$cp_file"
mvn -B -q dependency:build-classpath -pl gpu -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file.gpu"
cd gpu # the emulator compiles src/main/cuda and src/test/cuda relative to the module
exec java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g \
  -Dbased.ckks.backend=gpu -Dbased.gpu.driver=ai.based.gpu.HostEmulatedDriver -Dbased.gpu.emulator.bytes=6000000000 \
  -cp "$root/offchain-workers/cli/target/classes:target/classes:target/test-classes:$(cat "$cp_file"):$(cat "$cp_file.gpu")" \
  ai.based.cli.bench.EncryptedPassCheck "${1:-32}"

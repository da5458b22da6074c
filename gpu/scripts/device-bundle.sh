#!/usr/bin/env bash
# Assembles what gpu/scripts/device-check.sh needs on a GPU machine that has neither Maven nor Java: a jlink'd JRE
# (xz-compressed), the fhe/ckks and gpu jars and test classes, the fhe/zkllm and CLI jars with Jackson for the
# encrypted-model pass (EncryptedPassCheck; no DJL: the encrypted path does not use it), JCuda with only its driver
# binding's native library, and JUnit's console launcher. Run from the repository root after
#   mvn -B -o install -DskipTests -pl gpu,offchain-workers/cli -am   (test classes of fhe/ckks and gpu included)
# Usage: gpu/scripts/device-bundle.sh [target-dir]   (default gpu/target/device-bundle)
set -euo pipefail
out="${1:-gpu/target/device-bundle}"
m2="${M2_REPO:-$HOME/.m2/repository}"
jdk="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}"
rm -rf "$out" && mkdir -p "$out/lib"
out="$(cd "$out" && pwd)" # absolute: the natives' jar is written from another directory
# JUnit's console launcher is no dependency of the build (it shades the engines the build's tests already have)
console="org/junit/platform/junit-platform-console-standalone/1.13.4/junit-platform-console-standalone-1.13.4.jar"
if [ ! -f "$m2/$console" ]; then
  mvn -B -q -Dmaven.repo.local="$m2" dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.13.4
fi
tmp="$(mktemp -d)"
"$jdk/bin/jlink" --add-modules java.base,java.logging,jdk.incubator.vector,jdk.unsupported,java.management \
  --strip-debug --no-man-pages --no-header-files --compress zip-9 --output "$tmp/jre" 2>/dev/null
tar -C "$tmp" -cJf "$out/jre.tar.xz" jre
# JCuda's natives jar holds NVRTC and the PTX compiler too (25 MB); the driver binding is all the backend loads
mkdir -p "$tmp/natives/lib"
unzip -q -o "$m2/org/jcuda/jcuda-natives/12.6.0/jcuda-natives-12.6.0-linux-x86_64.jar" 'lib/libJCudaDriver-*' -d "$tmp/natives"
(cd "$tmp/natives" && "$jdk/bin/jar" cf "$out/lib/jcuda-natives-driver-linux-x86_64.jar" lib)
cp "$m2/org/jcuda/jcuda/12.6.0/jcuda-12.6.0.jar" \
   "$m2/$console" \
   "$m2/org/assertj/assertj-core/3.27.6/assertj-core-3.27.6.jar" \
   "$m2"/net/jqwik/jqwik-api/1.9.3/jqwik-api-1.9.3.jar "$m2"/net/jqwik/jqwik-engine/1.9.3/jqwik-engine-1.9.3.jar \
   "$m2"/net/jqwik/jqwik-time/1.9.3/jqwik-time-1.9.3.jar "$m2"/net/jqwik/jqwik-web/1.9.3/jqwik-web-1.9.3.jar \
   "$m2/org/apiguardian/apiguardian-api/1.1.2/apiguardian-api-1.1.2.jar" \
   "$m2"/com/fasterxml/jackson/core/jackson-databind/2.17.1/jackson-databind-2.17.1.jar \
   "$m2"/com/fasterxml/jackson/core/jackson-annotations/2.17.1/jackson-annotations-2.17.1.jar \
   "$m2"/com/fasterxml/jackson/core/jackson-core/2.17.1/jackson-core-2.17.1.jar \
   fhe/ckks/target/based-fhe-ckks-*.jar gpu/target/based-gpu-*.jar "$out/lib/"
cp fhe/zkllm/target/based-fhe-zkllm-0.1.0-SNAPSHOT.jar offchain-workers/cli/target/based-cli.jar "$out/lib/"
cp -r fhe/ckks/target/test-classes "$out/ckks-tests"
cp -r gpu/target/test-classes "$out/gpu-tests"
cp gpu/scripts/device-check.sh "$out/"
rm -rf "$tmp"
du -sh "$out"

#!/usr/bin/env bash
# Rebuilds the shipped corpus (src/main/resources/.../corpus/kjv.txt.gz) from Debian's public-domain King James
# Version: downloads bible-kjv and bible-kjv-text with apt (no root needed), dumps every verse with the package's own
# reader, and writes one verse per line without verse numbers or chapter headings. Deterministic: the same packages
# give the same bytes.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$HERE/src/main/resources/ai/based/fhe/zkllm/corpus/kjv.txt.gz"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
apt-get download bible-kjv bible-kjv-text >/dev/null
for deb in *.deb; do dpkg-deb -x "$deb" root; done
root/usr/bin/bible -p root/usr/lib "gen1:1-rev22:21" \
  | awk '
      /^[A-Z0-9][A-Za-z ]* [0-9]+$/ { next }            # chapter headings ("Genesis 1")
      /^  *[0-9]+ / { if (verse != "") print verse; sub(/^ *[0-9]+ /, ""); verse = $0; next }
      /^$/ { next }
      { verse = verse " " $0 }
      END { if (verse != "") print verse }' \
  | gzip -9n > "$OUT"
echo "wrote $OUT ($(zcat "$OUT" | wc -l) verses, $(zcat "$OUT" | wc -c) bytes)"
